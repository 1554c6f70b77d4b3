using ScottPlot;

namespace MlGan.Samples.TwoCluster;

/// <summary>Fig. 5/6-style figures: D-loss over iterations, fake positions over time, escape time by width.</summary>
internal static class Plots
{
    public static void DLoss(TwoClusterResult r, double collapseValue, string path)
    {
        var plot = new Plot();
        var smooth = r.DLoss.Select((_, i) => r.DLoss.Skip(Math.Max(0, i - 24)).Take(Math.Min(25, i + 1)).Average()).ToArray();
        plot.Add.Scatter(Enumerable.Range(0, smooth.Length).Select(i => (double)i).ToArray(), smooth).LegendText = "D-loss (25-iteration mean)";
        var line = plot.Add.HorizontalLine(collapseValue);
        line.LegendText = $"collapse value s1a = {collapseValue:F4}";
        line.LinePattern = LinePattern.Dashed;
        if (r.EscapeStep is { } e) plot.Add.VerticalLine(e).LegendText = $"escaped at {e}";
        plot.Title($"{r.Loss} two-cluster, D width {r.Width}, seed {r.Seed}: D-loss");
        plot.XLabel("iteration");
        plot.ShowLegend();
        plot.SavePng(path, 800, 450);
    }

    public static void Positions(TwoClusterResult r, string path)
    {
        var plot = new Plot();
        var xs = r.Positions.SelectMany(p => p.Fakes.Select(_ => (double)p.Step)).ToArray();
        var ys = r.Positions.SelectMany(p => p.Fakes.Select(v => (double)v)).ToArray();
        var s = plot.Add.ScatterPoints(xs, ys);
        s.MarkerSize = 2;
        s.Color = Colors.Blue.WithAlpha(0.4);
        foreach (var c in TwoClusterRun.Centres) { plot.Add.HorizontalLine(c).Color = Colors.Red; plot.Add.HorizontalLine(c + TwoClusterRun.Spread).Color = Colors.Red; }
        plot.Title($"{r.Loss}: the 100 fakes over iterations (D width {r.Width}, seed {r.Seed}); data in red");
        plot.XLabel("iteration");
        plot.YLabel("generated x");
        plot.SavePng(path, 900, 450);
    }

    public static void EscapeByWidth(IReadOnlyList<TwoClusterResult> results, string[] losses, int steps, string path)
    {
        var plot = new Plot();
        foreach (var loss in losses)
        {
            var byWidth = results.Where(r => r.Loss == loss).GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
            plot.Add.Scatter(byWidth.Select(g => Math.Log2(g.Key)).ToArray(),
                byWidth.Select(g => Math.Min(Stats.Median(g.Select(r => (double)(r.EscapeStep ?? int.MaxValue))), steps)).ToArray()).LegendText = loss;
        }
        plot.Title($"median iterations to escape collapse (capped at {steps})");
        plot.XLabel("log2 D width");
        plot.ShowLegend();
        plot.SavePng(path, 700, 450);
    }

    /// <summary>Median D-loss over seeds against critic steps (log scale) with each loss's s1a value dashed.</summary>
    public static void OptimalCritic(IReadOnlyList<OptimalCriticResult> results, IReadOnlyDictionary<string, double> collapse, string path)
    {
        var plot = new Plot();
        foreach (var group in results.GroupBy(r => (r.Loss, r.Generator)))
        {
            var steps = group.First().Curve.Select(p => p.Steps).ToArray();
            var median = steps.Select(st => Stats.Median(group.Select(r => r.Curve.First(p => p.Steps == st).DLoss))).ToArray();
            plot.Add.Scatter(steps.Select(st => Math.Log10(st)).ToArray(), median).LegendText = $"{group.Key.Loss}, {group.Key.Generator} generator: median over seeds";
        }
        foreach (var loss in results.Select(r => r.Loss).Distinct())
        {
            var line = plot.Add.HorizontalLine(collapse[loss]);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"{loss} s1a = {collapse[loss]:F4}";
        }
        plot.Title("a fresh critic trained alone against a frozen collapsed generator");
        plot.XLabel("log10 critic steps");
        plot.YLabel("D-loss");
        plot.ShowLegend();
        plot.SavePng(path, 800, 450);
    }
}
