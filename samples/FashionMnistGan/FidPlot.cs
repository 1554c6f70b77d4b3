using ScottPlot;

namespace MlGan.Samples.FashionMnistGan;

/// <summary>One FID evaluation during training.</summary>
internal sealed record FidPoint(int Step, double Seconds, double Fid);

/// <summary>fid.png: FID on the test set against wall time, with the final score and the real train-vs-test floor.</summary>
internal static class FidPlot
{
    public static void Save(IReadOnlyList<FidPoint> curve, double finalFid, double realFid, string path)
    {
        var plot = new Plot();
        if (curve.Count > 0)
        {
            var line = plot.Add.ScatterLine(curve.Select(p => p.Seconds / 60).ToArray(), curve.Select(p => Math.Log10(p.Fid)).ToArray());
            line.LegendText = "FID during training (EMA generator)";
            var last = plot.Add.Marker(curve[^1].Seconds / 60, Math.Log10(finalFid));
            last.LegendText = $"final FID {finalFid:F2} (10k samples)";
        }
        var floor = plot.Add.HorizontalLine(Math.Log10(Math.Max(realFid, 1e-3)));
        floor.LegendText = $"real train vs test {realFid:F2}";
        floor.LinePattern = LinePattern.Dashed;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Title("Conditional GAN on Fashion-MNIST: FID vs wall time");
        plot.XLabel("minutes");
        plot.YLabel("FID (log scale)");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }
}
