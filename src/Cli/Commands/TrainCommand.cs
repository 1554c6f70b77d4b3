using MlGan.Transforms.Training;
using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MlGan.Trainers;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;
using ScottPlot;
using Spectre.Console;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan train`: trains a GAN (family × network × width) on a synthetic target, a CSV file or Fashion-MNIST and writes
/// DIR/model.zip (ml.Model.Load-able, latent column "Latent" → "Generated"), DIR/log.csv and DIR/loss.png.
/// </summary>
public static class TrainCommand
{
    /// <summary>Samples drawn from a synthetic target when --count is not given.</summary>
    public const int DefaultSyntheticCount = 10_000;

    /// <summary>The `train` sub-command: its options and action.</summary>
    public static Command Create()
    {
        var family = new Option<string>("--family") { Description = "Recipe (loss, regulariser, dynamics, optimisers of the papers): " + string.Join(" | ", GanRecipes.Families), Required = true };
        family.AcceptOnlyFromAmong([.. GanRecipes.Families]);
        var net = new Option<string>("--net") { Description = "Networks: " + string.Join(" | ", GanNetworks.Names) + " (or one a --plugin registers).", DefaultValueFactory = _ => "mlp" };
        var loss = new Option<string?>("--loss") { Description = "Loss replacing the family's: " + string.Join(" | ", GanLosses.Names) + " (or one a --plugin registers)." };
        var plugin = new Option<string[]>("--plugin") { Description = "Assembly whose public GanLoss / GanNetwork types (parameterless constructors) --loss / --net can name; repeatable.", AllowMultipleArgumentsPerToken = false };
        var width = new Option<int>("--width") { Description = "k: hidden width (mlp, hidden-layer) or base filters (dcgan, resnet).", DefaultValueFactory = _ => GanTrainerOptions.Defaults.Width }.AtLeast(1);
        var data = new Option<string>("--data") { Description = "ring8 | grid25 | two-moons | csv:PATH | fashion-mnist", Required = true };
        var steps = new Option<int>("--steps") { Description = "Training steps.", DefaultValueFactory = _ => GanTrainerOptions.Defaults.Steps }.AtLeast(1);
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory (model.zip, log.csv, loss.png).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => GanTrainerOptions.Defaults.BatchSize }.AtLeast(1);
        var lr = new Option<double?>("--lr") { Description = "Learning rate of both networks (default: the family's)." };
        var lrG = new Option<double?>("--lr-g") { Description = "Learning rate of the generator (overrides --lr)." };
        var lrD = new Option<double?>("--lr-d") { Description = "Learning rate of the critic (overrides --lr)." };
        var nCritic = new Option<int?>("--n-critic") { Description = "Critic steps per generator step (default: the family's)." }.AtLeast(1);
        var regularizers = CriticRegularizers.Names.Select(name => new Option<double?>("--" + name) { Description = CriticRegularizers.Describe(name) }).ToArray();
        var latent = new Option<int>("--latent-dim") { Description = "Latent dimension k.", DefaultValueFactory = _ => GanTrainerOptions.Defaults.LatentDimension }.AtLeast(1);
        var count = new Option<int?>("--count") { Description = "Samples drawn from a synthetic target (default 10000); caps the Fashion-MNIST images read (default: all 60000)." }.AtLeast(1);
        var imageShape = new Option<string?>("--image-shape") { Description = "C,H,W of CSV image data (required for dcgan/resnet on CSV)." };
        var logEvery = new Option<int>("--log-every") { Description = "Log every this many steps.", DefaultValueFactory = _ => GanTrainerOptions.Defaults.LogEvery }.AtLeast(1);
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write DIR/checkpoints/ckpt-N.zip every this many steps (0: never).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var keep = new Option<int>("--keep-checkpoints") { Description = "Keep the N newest checkpoints (0: all).", DefaultValueFactory = _ => GanTrainerOptions.Defaults.KeepCheckpoints }.AtLeast(0);
        var resume = new Option<string?>("--resume") { Description = "Resume from a checkpoint file or directory." };
        var image = new ImageTrainingOptions();
        var cmd = new Command("train", "Train a GAN and write model.zip, log.csv and loss.png.")
        { family, net, loss, plugin, width, data, steps, output, seed, batch, lr, lrG, lrD, nCritic, latent, count, imageShape, logEvery, checkpointEvery, keep, resume };
        foreach (var option in regularizers) cmd.Options.Add(option);
        image.AddTo(cmd);
        cmd.SetAction(parse => CliErrors.Run("train", () =>
        {
            foreach (var path in parse.GetValue(plugin) ?? [])
                Console.WriteLine($"plugin {path}: registered {string.Join(", ", PluginLoader.Load(path))}");
            var dir = parse.GetValue(output)!;
            var options = GanRecipes.Apply(parse.GetValue(family)!, new GanTrainerOptions
            {
                Network = GanNetworks.ByName(parse.GetValue(net)!), Width = parse.GetValue(width), Steps = parse.GetValue(steps),
                Seed = parse.GetValue(seed), BatchSize = parse.GetValue(batch), LatentDimension = parse.GetValue(latent),
                LogEvery = parse.GetValue(logEvery), CheckpointEvery = parse.GetValue(checkpointEvery),
                CheckpointDirectory = Path.Combine(dir.FullName, "checkpoints"), KeepCheckpoints = parse.GetValue(keep), ResumeFrom = parse.GetValue(resume),
            });
            if (parse.GetValue(loss) is { } lossName) options.Loss = GanLosses.ByName(lossName);
            double? rateG = parse.GetValue(lrG) ?? parse.GetValue(lr), rateD = parse.GetValue(lrD) ?? parse.GetValue(lr);
            if (rateG is { } g) options.GeneratorOptimizer = options.GeneratorOptimizer with { LearningRate = g };
            if (rateD is { } d) options.DiscriminatorOptimizer = options.DiscriminatorOptimizer with { LearningRate = d };
            if (parse.GetValue(nCritic) is { } n) options.DiscriminatorSteps = n;
            foreach (var option in regularizers)
                if (parse.GetValue(option) is { } value) options.Regularizers.Add(CriticRegularizers.Parse(option.Name.TrimStart('-'), value));
            var ml = new MLContext(parse.GetValue(seed));
            string dataSpec = parse.GetValue(data)!;
            var input = LoadData(ml, dataSpec, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(imageShape), options);
            Console.WriteLine($"oneDNN: {OneDnn.Summary}");
            var progress = new Reporter();
            using var extras = image.Apply(parse, options, input, dataSpec, dir.FullName, progress);
            options.Progress = extras.Progress;
            var trainer = ml.Gan().Trainers.Gan(options);
            dir.Create();
            using var generator = Fit(trainer, input, progress);
            var result = generator.GanTraining();
            var log = result.Log;
            foreach (var warning in result.Warnings) Console.Error.WriteLine($"mlgan train: warning: {warning}");
            if (result.BestEvaluation is { } best)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"best {options.Evaluation!.Name} {best.Value:F2} at step {best.Step}{(result.BestCheckpoint is { } c ? $" (checkpoint {c})" : "")}{(result.StoppedEarly ? "; stopped early" : "")}"));
            string model = Path.Combine(dir.FullName, "model.zip");
            ml.Model.Save(generator, ml.Gan().Data.Latent(generator.LatentDimension, 1, seed: 0).Schema, model);
            log.SaveCsv(Path.Combine(dir.FullName, "log.csv"));
            PlotLosses(log, parse.GetValue(family)!, Path.Combine(dir.FullName, "loss.png"));
            Console.WriteLine($"Wrote {model}, log.csv and loss.png ({log.Count} logged steps).");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Named target, csv:PATH or fashion-mnist; sets ImageShape (and the tanh output) for image data.</summary>
    internal static IDataView LoadData(MLContext ml, string spec, int? count, int seed, string? imageShape, GanTrainerOptions options)
    {
        if (count is { } n) Guard.Positive(n, "--count");
        if (spec == "fashion-mnist")
        {
            options.ImageShape = [1, FashionMnist.Height, FashionMnist.Width];
            options.OutputActivation = OutputActivation.Tanh; // pixels lie in [-1, 1]
            return ml.Gan().Data.FashionMnist(maxCount: count);
        }
        if (spec.StartsWith("csv:", StringComparison.Ordinal))
        {
            string path = spec["csv:".Length..];
            if (path.Length == 0) throw new ArgumentException("--data csv:PATH needs a file path after 'csv:'.", "--data");
            var rows = CsvVectorReader.Read(path);
            if (imageShape is not null)
                options.ImageShape = imageShape.Split(',').Select(s => long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v > 0 ? v
                    : throw new ArgumentException($"--image-shape must be C,H,W positive integers; got '{imageShape}'.", "--image-shape")).ToArray();
            return VectorDataView.FromRows(ml, rows, GanDataCatalog.FeaturesColumn, rows[0].Length);
        }
        if (spec is "ring8" or "grid25" or "two-moons")
            return SyntheticTargets.ByName(ml.Gan().Data, spec, count ?? DefaultSyntheticCount, seed);
        throw new ArgumentException($"Unknown --data '{spec}'; expected ring8, grid25, two-moons, csv:PATH or fashion-mnist.", "--data");
    }

    /// <summary>Fits with a Spectre.Console progress bar fed by the trainer's IProgress (the reporter was set before the trainer was built).</summary>
    private static GeneratorTransformer Fit(GanTrainer trainer, IDataView input, Reporter progress)
    {
        var o = trainer.Options;
        string title = $"train {o.Loss.Name} {o.Network.Name} k={o.Width}";
        GeneratorTransformer? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: o.Steps);
                string evaluation = "";
                progress.Target = step =>
                {
                    task.Value = step.Step + 1;
                    string losses = string.Join(" ", step.Values.Where(kv => kv.Key is "d_loss" or "g_loss")
                        .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:F4}")));
                    if (o.Evaluation is { } e && step.Values.TryGetValue(e.Name, out double score))
                        evaluation = string.Create(CultureInfo.InvariantCulture, $" {e.Name}={score:F2}@{step.Step}");
                    task.Description = Markup.Escape($"{title} {losses}{evaluation}");
                };
                result = trainer.Fit(input);
                task.Value = o.Steps;
            });
        return result!;
    }

    /// <summary>Synchronous IProgress (Progress&lt;T&gt; would post to the thread pool and report late); its target is set once the bar exists.</summary>
    private sealed class Reporter : IProgress<TrainingStep>
    {
        public Action<TrainingStep>? Target { get; set; }
        public void Report(TrainingStep value) => Target?.Invoke(value);
    }

    internal static void PlotLosses(TrainingLog log, string title, string path)
    {
        var plot = new Plot();
        var steps = log.Steps;
        foreach (var q in new[] { "d_loss", "g_loss" })
        {
            var values = log.Column(q);
            var points = steps.Zip(values).Where(p => p.Second is { } v && double.IsFinite(v)).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.ScatterLine(points.Select(p => (double)p.First).ToArray(), points.Select(p => p.Second!.Value).ToArray());
            line.LegendText = q;
        }
        plot.Title($"mlgan train: {title}");
        plot.XLabel("step");
        plot.YLabel("loss");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }
}
