using ScottPlot;

namespace MlGan.Samples.OverparameterizationImages;

/// <summary>The three figures: FID(train/test) vs k (Fig. 4), FID over iterations per k (Fig. 5), NND vs k (Fig. 6).</summary>
internal static class ImageSweepPlots
{
    public static void FidByWidth(IReadOnlyList<ImageSweepResult> results, double realFid, string title, string path)
    {
        var plot = new Plot();
        double[] k = results.Select(r => Math.Log2(r.Width)).ToArray();
        plot.Add.Scatter(k, results.Select(r => r.FidTrain).ToArray()).LegendText = "FID train";
        plot.Add.Scatter(k, results.Select(r => r.FidTest).ToArray()).LegendText = "FID test";
        var floor = plot.Add.HorizontalLine(realFid);
        floor.LinePattern = LinePattern.Dashed;
        floor.LegendText = $"real train vs test ({realFid:F2})";
        plot.Title(title);
        plot.XLabel("log2 hidden dimension k");
        plot.YLabel("FID");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    public static void FidCurves(IReadOnlyList<ImageSweepResult> results, string title, string path)
    {
        var plot = new Plot();
        foreach (var r in results)
            plot.Add.Scatter(r.Curve.Select(p => (double)p.Step).ToArray(), r.Curve.Select(p => p.FidTrain).ToArray()).LegendText = $"k = {r.Width}";
        plot.Title(title);
        plot.XLabel("generator step");
        plot.YLabel("FID (train)");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    public static void NndByWidth(IReadOnlyList<ImageSweepResult> results, string title, string path)
    {
        var plot = new Plot();
        plot.Add.Scatter(results.Select(r => Math.Log2(r.Width)).ToArray(), results.Select(r => r.Nnd).ToArray()).LegendText = "NND (test)";
        plot.Title(title);
        plot.XLabel("log2 hidden dimension k");
        plot.YLabel("NND");
        plot.SavePng(path, 800, 500);
    }
}
