using MlGan.Transforms.Training;
using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MlGan.Evaluation.IO;
using MlGan.Trainers;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using ScottPlot;
using Spectre.Console;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan train`: trains a GAN (family × network × width) on a synthetic target, a CSV file or Fashion-MNIST and writes
/// DIR/model.zip (ml.Model.Load-able, latent column "Latent" → "Generated"), DIR/log.csv and DIR/loss.png.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var family = new Option<string>("--family") { Description = "Loss family: " + string.Join(" | ", TrainFamilies.Families), Required = true };
        family.AcceptOnlyFromAmong([.. TrainFamilies.Families]);
        var net = new Option<string>("--net") { Description = "Networks: " + string.Join(" | ", TrainFamilies.Networks), DefaultValueFactory = _ => "mlp" };
        net.AcceptOnlyFromAmong([.. TrainFamilies.Networks]);
        var width = new Option<int>("--width") { Description = "k: hidden width (mlp, hidden-layer) or base filters (dcgan, resnet).", DefaultValueFactory = _ => 64 };
        var data = new Option<string>("--data") { Description = "ring8 | grid25 | two-moons | csv:PATH | fashion-mnist", Required = true };
        var steps = new Option<int>("--steps") { Description = "Training steps.", DefaultValueFactory = _ => 1000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory (model.zip, log.csv, loss.png).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 64 };
        var lr = new Option<double?>("--lr") { Description = "Learning rate of both networks (default: the family's)." };
        var latent = new Option<int>("--latent-dim") { Description = "Latent dimension k.", DefaultValueFactory = _ => 16 };
        var count = new Option<int>("--count") { Description = "Samples drawn from a synthetic target (or the most Fashion-MNIST images read).", DefaultValueFactory = _ => 10_000 };
        var imageShape = new Option<string?>("--image-shape") { Description = "C,H,W of CSV image data (required for dcgan/resnet on CSV)." };
        var logEvery = new Option<int>("--log-every") { Description = "Log every this many steps.", DefaultValueFactory = _ => 10 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write DIR/checkpoints/ckpt-N.zip every this many steps (0: never).", DefaultValueFactory = _ => 0 };
        var resume = new Option<string?>("--resume") { Description = "Resume from a checkpoint file or directory." };
        var cmd = new Command("train", "Train a GAN and write model.zip, log.csv and loss.png.")
        { family, net, width, data, steps, output, seed, batch, lr, latent, count, imageShape, logEvery, checkpointEvery, resume };
        cmd.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            var options = new GanTrainerOptions
            {
                Network = TrainFamilies.Network(parse.GetValue(net)!), Width = parse.GetValue(width), Steps = parse.GetValue(steps),
                Seed = parse.GetValue(seed), BatchSize = parse.GetValue(batch), LatentDimension = parse.GetValue(latent),
                LogEvery = parse.GetValue(logEvery), CheckpointEvery = parse.GetValue(checkpointEvery),
                CheckpointDirectory = Path.Combine(dir.FullName, "checkpoints"), ResumeFrom = parse.GetValue(resume),
            };
            var ml = new MLContext(parse.GetValue(seed));
            IDataView input;
            GanTrainer trainer;
            try
            {
                TrainFamilies.Apply(parse.GetValue(family)!, options);
                if (parse.GetValue(lr) is { } rate)
                {
                    options.GeneratorOptimizer = options.GeneratorOptimizer with { LearningRate = rate };
                    options.DiscriminatorOptimizer = options.DiscriminatorOptimizer with { LearningRate = rate };
                }
                input = LoadData(ml, parse.GetValue(data)!, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(imageShape), options);
                trainer = ml.Gan().Trainers.Gan(options);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"mlgan train: {ex.Message}");
                return 2;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mlgan train: cannot read the data: {ex.Message}");
                return 1;
            }
            dir.Create();
            GeneratorTransformer generator;
            try
            {
                generator = Fit(trainer, input, options);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"mlgan train: {ex.Message}");
                return 1;
            }
            using (generator)
            {
                string model = Path.Combine(dir.FullName, "model.zip");
                ml.Model.Save(generator, ml.Gan().Data.Latent(generator.LatentDimension, 1, seed: 0).Schema, model);
                trainer.Log!.SaveCsv(Path.Combine(dir.FullName, "log.csv"));
                PlotLosses(trainer.Log!, parse.GetValue(family)!, Path.Combine(dir.FullName, "loss.png"));
                Console.WriteLine($"Wrote {model}, log.csv and loss.png ({trainer.Log!.Count} logged steps).");
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>Named target, csv:PATH or fashion-mnist; sets ImageShape (and the tanh output) for image data.</summary>
    internal static IDataView LoadData(MLContext ml, string spec, int count, int seed, string? imageShape, GanTrainerOptions options)
    {
        Guard.Positive(count, "--count");
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
            return SyntheticTargets.ByName(ml.Gan().Data, spec, count, seed);
        throw new ArgumentException($"Unknown --data '{spec}'; expected ring8, grid25, two-moons, csv:PATH or fashion-mnist.", "--data");
    }

    /// <summary>Fits with a Spectre.Console progress bar fed by the trainer's IProgress.</summary>
    private static GeneratorTransformer Fit(GanTrainer trainer, IDataView input, GanTrainerOptions options)
    {
        GeneratorTransformer? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"train {options.Loss} {options.Network} k={options.Width}", maxValue: options.Steps);
                options.Progress = new Reporter(step =>
                {
                    task.Value = step.Step + 1;
                    string losses = string.Join(" ", step.Values.Where(kv => kv.Key is "d_loss" or "g_loss")
                        .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:F4}")));
                    task.Description = Markup.Escape($"train {options.Loss} {options.Network} k={options.Width} {losses}");
                });
                result = trainer.Fit(input);
                task.Value = options.Steps;
            });
        return result!;
    }

    /// <summary>Synchronous IProgress (Progress&lt;T&gt; would post to the thread pool and report late).</summary>
    private sealed class Reporter(Action<TrainingStep> report) : IProgress<TrainingStep>
    {
        public void Report(TrainingStep value) => report(value);
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
