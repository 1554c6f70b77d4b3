using System.Globalization;
using MlGan.Trainers.GmmGan;
using ScottPlot;

// GMM-GAN dynamics (Li, Mądry, Peebles, Schmidt 2017) through the MlGan.Trainers.GmmGan API:
//   dotnet run --project samples/GmmGan -c Release -- [outDir] [grid] [repeats] [steps]
// Defaults are a quick version of Figure 3 (11×11 grid, 20 repeats, 3000 steps); `mlgan gmm --heatmap` runs the full one.
string outDir = args.Length > 0 ? args[0] : "gmmgan-sample";
int grid = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 11;
int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
int steps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3000;
Directory.CreateDirectory(outDir);

// 1. The model: closed-form objective, exact TV and the optimal discriminator.
var target = new GmmGanMixture(-0.5, 0.5);
var generator = new GmmGanMixture(-1.2, 1.4);
var best = GmmOptimalDiscriminator.Find(target, generator);
Console.WriteLine($"TV(G*, G) = {GmmTotalVariation.Distance(target, generator):F6}; optimal discriminator {best}; L there = {GmmGanObjective.Value(target, generator, best):F6}");

// 2. One run of each dynamics from the same start, with the discriminator-collapse detector.
var start = TwoIntervalDiscriminator.Create(-2.0, -0.5, 0.3, 2.5);
foreach (var kind in new[] { GmmDynamicsKind.Optimal, GmmDynamicsKind.Unrolled, GmmDynamicsKind.FirstOrder })
{
    var run = GmmDynamics.Run(kind, target, generator, start, new GmmDynamicsOptions { StepSize = 0.3, Steps = 3000 });
    string collapse = run.DiscriminatorCollapsed ? $"interval collapse after step {run.Interval1CollapsedAtStep?.ToString() ?? "-"}/{run.Interval2CollapsedAtStep?.ToString() ?? "-"}" : "no collapse";
    Console.WriteLine($"{kind,-10} final μ̂ = ({run.Final.Mu1:F4}, {run.Final.Mu2:F4}), TV {run.TotalVariation:F4}, {collapse}");
}

// 3. A smaller Figure 3, plotted side by side.
var result = GmmHeatmap.Run(new GmmHeatmapOptions { Grid = grid, Repeats = repeats, Steps = steps, Seed = 7 });
Console.WriteLine(result.Summary());
using (var w = new StreamWriter(Path.Combine(outDir, "heatmap.csv"))) result.WriteCsv(w);

var multi = new Multiplot();
multi.AddPlots(result.Layers.Count);
for (int p = 0; p < result.Layers.Count; p++)
{
    var layer = result.Layers[p];
    var data = new double[grid, grid];
    for (int i = 0; i < grid; i++) for (int j = 0; j < grid; j++) data[grid - 1 - j, i] = layer.SuccessRate[i, j];
    var plot = multi.GetPlot(p);
    var hm = plot.Add.Heatmap(data);
    hm.Extent = new CoordinateRect(-1, 1, -1, 1);
    hm.ManualRange = new ScottPlot.Range(0, 1);
    hm.Colormap = new ScottPlot.Colormaps.Turbo();
    plot.Title($"{GmmHeatmapResult.Name(layer.Kind)} ({layer.OffDiagonalMeanSuccess:F2})");
}
multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
multi.SavePng(Path.Combine(outDir, "heatmaps.png"), 1200, 420);
Console.WriteLine($"Wrote {Path.Combine(outDir, "heatmaps.png")} and heatmap.csv");
