using ScottPlot;

namespace MlGan.Samples.Overparameterization;

/// <summary>ScottPlot figures: log10 final MSE against log2 k, and MSE curves over iterations.</summary>
internal static class Plots
{
    public static string Label(CriticUpdate u) => u switch
    {
        CriticUpdate.Gda => "GDA",
        CriticUpdate.OptimalD => "optimal D",
        _ => "d_iter D steps",
    };

    public static void FinalMse(IReadOnlyList<MeanMatchingResult> results, string title, string path)
    {
        var plot = new Plot();
        foreach (var group in results.GroupBy(r => r.Update))
        {
            var byK = group.GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
            var s = plot.Add.Scatter(byK.Select(g => Math.Log2(g.Key)).ToArray(), byK.Select(g => Log(Median(g.Select(r => r.FinalMse)))).ToArray());
            s.LegendText = Label(group.Key);
        }
        var floor = results.Where(r => r.Update == results[0].Update).GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
        var f = plot.Add.Scatter(floor.Select(g => Math.Log2(g.Key)).ToArray(), floor.Select(g => Log(Median(g.Select(r => r.NnlsFloor)))).ToArray());
        f.LegendText = "global min of Eq. 5 (NNLS)";
        f.LinePattern = LinePattern.Dashed;
        plot.Title(title + ": final MSE (median over seeds)");
        plot.XLabel("log2 hidden width k");
        plot.YLabel("log10 MSE(data mean, generated mean)");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    public static void Curves(IReadOnlyList<MeanMatchingResult> results, CriticUpdate update, string title, string path)
    {
        var plot = new Plot();
        foreach (var r in results.Where(r => r.Update == update && r.Seed == 1))
            plot.Add.Scatter(r.Curve.Select(c => (double)c.Step).ToArray(), r.Curve.Select(c => Log(c.Mse)).ToArray()).LegendText = $"k = {r.Width}";
        plot.Title(title + " (seed 1)");
        plot.XLabel("iteration");
        plot.YLabel("log10 MSE");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    /// <summary>Fig. 3 analogue: FID(train), FID(test) (median over seeds) and the real-vs-real floor against log2 k.</summary>
    public static void Fid(IReadOnlyList<MlpFidResult> results, double realFloor, string title, string path)
    {
        var plot = new Plot();
        var byK = results.GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
        double[] x = byK.Select(g => Math.Log2(g.Key)).ToArray();
        plot.Add.Scatter(x, byK.Select(g => Median(g.Select(r => r.FidTrain))).ToArray()).LegendText = "FID train";
        plot.Add.Scatter(x, byK.Select(g => Median(g.Select(r => r.FidTest))).ToArray()).LegendText = "FID test";
        var floor = plot.Add.Scatter(x, x.Select(_ => realFloor).ToArray());
        floor.LegendText = "real train vs test";
        floor.LinePattern = LinePattern.Dashed;
        plot.Title(title);
        plot.XLabel("log2 hidden width k (generator and critic)");
        plot.YLabel("FID (Fashion-MNIST feature net)");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    /// <summary>An 8×8 grid of generated 28×28 images per width, one panel per k.</summary>
    public static void Samples(IReadOnlyList<MlpFidResult> results, string path)
    {
        if (results.Count == 0) return;
        var multi = new Multiplot();
        multi.AddPlots(results.Count);
        for (int p = 0; p < results.Count; p++)
        {
            var images = results[p].Preview;
            const int side = 8, px = 28;
            var grid = new double[side * px, side * px];
            for (int n = 0; n < Math.Min(images.Length, side * side); n++)
                for (int i = 0; i < px; i++)
                    for (int j = 0; j < px; j++)
                        grid[(n / side) * px + i, (n % side) * px + j] = images[n][i * px + j];
            var plot = multi.GetPlot(p);
            var hm = plot.Add.Heatmap(grid);
            hm.Colormap = new ScottPlot.Colormaps.Grayscale();
            hm.ManualRange = new ScottPlot.Range(-1, 1);
            plot.Title($"k = {results[p].Width}");
            plot.HideGrid();
        }
        multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multi.SavePng(path, 300 * results.Count, 330);
    }

    private static double Log(double v) => Math.Log10(Math.Max(v, 1e-16));

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
