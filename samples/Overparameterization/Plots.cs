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

    private static double Log(double v) => Math.Log10(Math.Max(v, 1e-16));

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
