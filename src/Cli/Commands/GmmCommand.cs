using System.CommandLine;
using System.Globalization;
using MlGan.Trainers.GmmGan;
using ScottPlot;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan gmm`: the GMM-GAN dynamics of Li, Mądry, Peebles, Schmidt (2017). --heatmap reproduces Figure 3
/// (PNG per dynamics, CSV, summary, optional JSON); --figure1 writes the four Figure 1 trajectories.
/// </summary>
public static class GmmCommand
{
    /// <summary>The `gmm` verb.</summary>
    public static Command Create()
    {
        var heatmap = new Option<bool>("--heatmap") { Description = "Run the Figure 3 success-probability heatmaps." };
        var figure1 = new Option<bool>("--figure1") { Description = "Write the four Figure 1 trajectories as PNGs." };
        var grid = new Option<int>("--grid") { Description = "Grid points per axis over [-1, 1] (>= 2).", DefaultValueFactory = _ => 21 }.AtLeast(2);
        var repeats = new Option<int>("--repeats") { Description = "Random discriminator initialisations per grid point.", DefaultValueFactory = _ => 120 }.AtLeast(1);
        var steps = new Option<int>("--steps") { Description = "Steps per run.", DefaultValueFactory = _ => 3000 }.AtLeast(1);
        var stepSize = new Option<double>("--step-size") { Description = "Step size (generator and discriminator).", DefaultValueFactory = _ => 0.3 }.Positive();
        var unroll = new Option<int>("--unroll") { Description = "Unrolled discriminator steps.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var objective = new Option<string>("--objective")
        {
            Description = "Objective form: mixture (the definition, with the ½ mixture weights) or eq12 (appendix A.2 as printed: L − 1 and every gradient ×2).",
            DefaultValueFactory = _ => "mixture",
        }.Must(v => v is "mixture" or "eq12", "mixture or eq12");
        var seed = new Option<long>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory.", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "Write {objective, optimal, unrolled, first_order (off-diagonal means), diagonal {…}, seconds} here." };
        var cmd = new Command("gmm", "GMM-GAN dynamics (Li et al. 2017): Figure 3 heatmaps and Figure 1 trajectories.")
        { heatmap, figure1, grid, repeats, steps, stepSize, unroll, objective, threads, seed, output, json };
        cmd.Validators.Add(result =>
        {
            if (!result.GetValue(heatmap) && !result.GetValue(figure1)) result.AddError("Choose --heatmap and/or --figure1.");
        });
        cmd.SetAction(parse => CliErrors.Run("gmm", () =>
        {
            var options = new GmmHeatmapOptions
            {
                Grid = parse.GetValue(grid), Repeats = parse.GetValue(repeats), Steps = parse.GetValue(steps),
                StepSize = parse.GetValue(stepSize), UnrollSteps = parse.GetValue(unroll),
                Objective = parse.GetValue(objective) == "eq12" ? GmmGanObjectiveForm.Eq12 : GmmGanObjectiveForm.Mixture,
                MaxDegreeOfParallelism = parse.GetValue(threads), Seed = parse.GetValue(seed),
            };
            options.Validate(); // before any output is written
            var dir = parse.GetValue(output)!;
            dir.Create();
            if (parse.GetValue(figure1)) WriteFigure1(dir.FullName);
            if (parse.GetValue(heatmap))
            {
                var result = GmmHeatmap.Run(options);
                WriteHeatmap(result, dir.FullName, parse.GetValue(json));
                Console.WriteLine(result.Summary());
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Writes the heatmap's CSV, summary and one PNG per dynamics into <paramref name="dir"/>, and the JSON summary when <paramref name="json"/> is set.</summary>
    public static void WriteHeatmap(GmmHeatmapResult result, string dir, FileInfo? json)
    {
        using (var w = new StreamWriter(Path.Combine(dir, "gmm_heatmap.csv"))) result.WriteCsv(w);
        File.WriteAllText(Path.Combine(dir, "gmm_heatmap_summary.txt"), result.Summary() + Environment.NewLine);
        var o = result.Options;
        foreach (var layer in result.Layers)
        {
            int n = o.Grid;
            // Row 0 of a ScottPlot heatmap is drawn at the top: put μ̂2 = Max there.
            var data = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) data[n - 1 - j, i] = layer.SuccessRate[i, j];
            var plot = new Plot();
            var hm = plot.Add.Heatmap(data);
            hm.Extent = new CoordinateRect(o.Min, o.Max, o.Min, o.Max); // cell centres
            hm.Colormap = new ScottPlot.Colormaps.Turbo();
            hm.ManualRange = new ScottPlot.Range(0, 1);
            plot.Add.ColorBar(hm);
            plot.Title(FormattableString.Invariant($"{GmmHeatmapResult.Name(layer.Kind)} ({o.Objective.Name()}): off-diagonal {layer.OffDiagonalMeanSuccess:F3}, diagonal {layer.DiagonalMeanSuccess:F3}"));
            plot.XLabel("initial μ̂1");
            plot.YLabel("initial μ̂2");
            plot.SavePng(Path.Combine(dir, $"gmm_heatmap_{GmmHeatmapResult.Name(layer.Kind)}.png"), 640, 560);
        }
        if (json is not null) File.WriteAllText(json.FullName, result.ToJson());
    }

    /// <summary>Runs the four Figure 1 scenarios and writes one trajectory PNG each into <paramref name="dir"/>.</summary>
    public static void WriteFigure1(string dir)
    {
        foreach (var scenario in GmmFigure1.All)
        {
            var tr = new GmmTrajectory(scenario.Steps);
            var run = scenario.Run(tr);
            var plot = new Plot();
            double[] t = Enumerable.Range(0, tr.Length).Select(i => (double)i).ToArray();
            // The optimal discriminator's half-lines have infinite ends; draw them at the plot's edge.
            static double[] Clip(double[] v) => v.Select(x => Math.Clamp(x, -4.5, 4.5)).ToArray();
            foreach (var (name, values) in new[] { ("left0", tr.L1), ("left1", tr.L2), ("right0", tr.R1), ("right1", tr.R2) })
            {
                var s = plot.Add.ScatterLine(t, Clip(values));
                s.LinePattern = LinePattern.Dotted;
                s.LegendText = name;
            }
            foreach (var (name, values) in new[] { ("muhat0", tr.Mu1), ("muhat1", tr.Mu2) })
            {
                var s = plot.Add.ScatterLine(t, values);
                s.LineWidth = 2;
                s.LegendText = name;
            }
            plot.Title(FormattableString.Invariant($"{scenario.Title} (final TV {run.TotalVariation:F3})"));
            plot.XLabel("step");
            plot.ShowLegend();
            plot.SavePng(Path.Combine(dir, $"gmm_figure1_{scenario.Name}.png"), 800, 500);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name}: mu0 = ({scenario.Initial.Mu1}, {scenario.Initial.Mu2}), D0 = {scenario.InitialDiscriminator}, final mu = ({run.Final.Mu1:F4}, {run.Final.Mu2:F4}), TV {run.TotalVariation:F4}, collapse steps {run.Interval1CollapsedAtStep?.ToString() ?? "-"}/{run.Interval2CollapsedAtStep?.ToString() ?? "-"}"));
        }
    }
}
