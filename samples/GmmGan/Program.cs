using System.CommandLine;
using MlGan.Cli;
using MlGan.Trainers.GmmGan;
using ScottPlot;

// GMM-GAN dynamics (Li, Mądry, Peebles, Schmidt 2017) through the MlGan.Trainers.GmmGan API:
//   dotnet run --project samples/GmmGan -c Release -- [outDir] [grid] [repeats] [steps] [mixture|eq12]
// Defaults are a quick version of Figure 3 (11×11 grid, 20 repeats, 3000 steps, the mixture objective);
// `mlgan gmm --heatmap [--objective eq12]` runs the full one.
var outDirArgument = new Argument<string>("outDir") { Description = "Output directory.", DefaultValueFactory = _ => "gmmgan-sample", Arity = ArgumentArity.ZeroOrOne }
    .Must(d => !d.StartsWith('-'), "a directory (this sample takes no options)");
var gridArgument = new Argument<int>("grid") { Description = "Heatmap grid points per axis over [-1, 1].", DefaultValueFactory = _ => 11, Arity = ArgumentArity.ZeroOrOne }.AtLeast(2);
var repeatsArgument = new Argument<int>("repeats") { Description = "Random discriminator initialisations per grid point.", DefaultValueFactory = _ => 20, Arity = ArgumentArity.ZeroOrOne }.AtLeast(1);
var stepsArgument = new Argument<int>("steps") { Description = "Steps per heatmap run.", DefaultValueFactory = _ => 3000, Arity = ArgumentArity.ZeroOrOne }.AtLeast(1);
var objectiveArgument = new Argument<string>("objective")
{
    Description = "Objective form: mixture (the definition, ½ mixture weights) or eq12 (appendix A.2 as printed: every gradient ×2).",
    DefaultValueFactory = _ => "mixture", Arity = ArgumentArity.ZeroOrOne,
}.Must(v => v is "mixture" or "eq12", "mixture or eq12");
var command = new RootCommand("GMM-GAN dynamics (Li et al. 2017): one run of each dynamics, then a small Figure 3 heatmap.")
{
    outDirArgument, gridArgument, repeatsArgument, stepsArgument, objectiveArgument,
};
command.SetAction(parse => Run(parse.GetValue(outDirArgument)!, parse.GetValue(gridArgument), parse.GetValue(repeatsArgument), parse.GetValue(stepsArgument),
    parse.GetValue(objectiveArgument) == "eq12" ? GmmGanObjectiveForm.Eq12 : GmmGanObjectiveForm.Mixture));
return CliErrors.Invoke(command, "GmmGan", args);

int Run(string outDir, int grid, int repeats, int steps, GmmGanObjectiveForm objective)
{
    Directory.CreateDirectory(outDir);

    // 1. The model: closed-form objective, exact TV and the optimal discriminator.
    var target = new GmmGanMixture(-0.5, 0.5);
    var generator = new GmmGanMixture(-1.2, 1.4);
    var best = GmmOptimalDiscriminator.Find(target, generator);
    Console.WriteLine($"TV(G*, G) = {GmmTotalVariation.Distance(target, generator):F6}; optimal discriminator {best}; L there = {GmmGanObjective.Value(target, generator, best, objective):F6} ({objective.Name()})");

    // 2. One run of each dynamics from the same start, with the discriminator-collapse detector.
    var start = TwoIntervalDiscriminator.Create(-2.0, -0.5, 0.3, 2.5);
    foreach (var kind in new[] { GmmDynamicsKind.Optimal, GmmDynamicsKind.Unrolled, GmmDynamicsKind.FirstOrder })
    {
        var run = GmmDynamics.Run(kind, target, generator, start, new GmmDynamicsOptions { StepSize = 0.3, Steps = 3000, Objective = objective });
        string collapse = run.DiscriminatorCollapsed ? $"interval collapse after step {run.Interval1CollapsedAtStep?.ToString() ?? "-"}/{run.Interval2CollapsedAtStep?.ToString() ?? "-"}" : "no collapse";
        Console.WriteLine($"{kind,-10} final μ̂ = ({run.Final.Mu1:F4}, {run.Final.Mu2:F4}), TV {run.TotalVariation:F4}, {collapse}");
    }

    // 3. A smaller Figure 3, plotted side by side.
    var result = GmmHeatmap.Run(new GmmHeatmapOptions { Grid = grid, Repeats = repeats, Steps = steps, Seed = 7, Objective = objective });
    Console.WriteLine(result.Summary());
    using (var w = new StreamWriter(Path.Combine(outDir, "heatmap.csv"))) result.WriteCsv(w);
    File.WriteAllText(Path.Combine(outDir, "heatmap.json"), result.ToJson());

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
        plot.Title($"{GmmHeatmapResult.Name(layer.Kind)} ({layer.OffDiagonalMeanSuccess:F2} off, {layer.DiagonalMeanSuccess:F2} on the diagonal)");
    }
    multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
    multi.SavePng(Path.Combine(outDir, "heatmaps.png"), 1200, 420);
    Console.WriteLine($"Wrote {Path.Combine(outDir, "heatmaps.png")}, heatmap.csv and heatmap.json");
    return 0;
}
