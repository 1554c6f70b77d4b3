// MlGan QuickStart: the random-feature WGAN of No et al. (2021) on the 8-Gaussian target of their Fig. 4.
// Trains, plots real vs generated samples and the J / L curves, exports the generator to ONNX and samples
// it back through ONNX Runtime, then prints one machine-readable RESULT line.
using MlGan.Transforms.Training;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlGan.Cli;
using MlGan.Evaluation;
using MlGan.Samples.QuickStart;
using MlGan.Trainers;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Latent;
using ScottPlot;
using Spectre.Console;

QuickStartArgs? options = null;
int exitCode = CliErrors.Invoke(QuickStartArgs.Command(parsed => { options = parsed; return 0; }), "QuickStart", args);
if (options is null) return exitCode; // --help, or a bad command line (reported on one line)
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(options.Out);
var ml = new MLContext(seed: options.Seed);
var target = GaussianMixture.Ring(8, Math.Sqrt(2), 0.1);       // means (±1, ±1), (±√2, 0), (0, ±√2); σ = 0.1
IDataView real = ml.Gan().Data.Mixture(target, count: 100_000, seed: options.Seed);

var trainerOptions = new RandomFeatureWganOptions
{
    LatentDimension = 2,
    GeneratorWidth = options.WidthG,
    DiscriminatorWidth = options.WidthD,
    Steps = options.Steps,
    Seed = options.Seed,
    LearningRate = options.LearningRate,
    BatchSize = options.Batch,
    Optimizer = options.Optimizer,
    LearningRateDecay = options.Decay,
    DiscriminatorWeightScale = options.DiscriminatorScale,
    GaussNewtonDamping = options.Damping,
    GaussNewtonDampingDecay = options.DampingDecay,
    LogEvery = options.LogEvery,
    GeneratorWeightScale = options.GeneratorScale,
    GeneratorBiasScale = options.GeneratorScale,
    EvaluationSampleSize = options.EvaluationSize,
    GaussNewtonBatchSize = options.JacobianBatch,
};
AnsiConsole.MarkupLine($"[bold]Random-feature WGAN[/] Ng={trainerOptions.GeneratorWidth} Nd={trainerOptions.DiscriminatorWidth} " +
                       $"batch={trainerOptions.BatchSize} steps={trainerOptions.Steps} θ-step={trainerOptions.Optimizer} α={trainerOptions.LearningRate}" +
                       (trainerOptions.Optimizer == ThetaOptimizer.GaussNewton ? $" λ={trainerOptions.GaussNewtonDamping} (×{trainerOptions.GaussNewtonDampingDecay}/pass) D-rows={trainerOptions.GaussNewtonBatchSize}" : ""));
GeneratorTransformer generator = null!;
double? jLast = null;
AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
    .Start(ctx =>
    {
        var task = ctx.AddTask("training", maxValue: trainerOptions.Steps);
        trainerOptions.Progress = new SynchronousProgress<TrainingStep>(s =>
        {
            task.Value = s.Step + 1;
            jLast = s.Values["J"];
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"step {s.Step,5}  J={s.Values["J"]:E3}  L={s.Values["L"]:E3}  |∇θ|={s.Values["grad_norm"]:E2}  α={s.Values["learning_rate"]:E2}"));
        });
        // The trainer copies its options, so it is built once the progress reporter is in them.
        generator = ml.Gan().Trainers.RandomFeatureWgan(trainerOptions).Fit(real);
    });
var run = generator!.RandomFeatureTraining();
run.Log.SaveCsv(Path.Combine(options.Out, "log.csv"));
double j0 = run.InitialJ;

// Generate through the ML.NET transformer (ONNX-backed) and score against the mixture.
var latents = ml.Gan().Data.Latent(2, 5000, seed: options.Seed + 100);
var fake = generator.Transform(latents).GetColumn<float[]>(trainerOptions.OutputColumnName).ToArray();
var realRows = real.GetColumn<float[]>("Features").Take(5000).ToArray();
var metrics = MixtureMetrics.Compute(fake, target);
QuickStartPlots.Samples(realRows, fake, Path.Combine(options.Out, "samples.png"));
QuickStartPlots.Losses(run.Log, Path.Combine(options.Out, "loss.png"));

// Export to ONNX and sample it back with ONNX Runtime directly.
string onnxPath = Path.Combine(options.Out, "generator.onnx");
generator.ExportOnnx(onnxPath);
var check = LatentSampler.Sample(2, 64, options.Seed + 200, LatentDistribution.Gaussian);
using (var session = new InferenceSession(onnxPath))
{
    var input = new DenseTensor<float>(check.SelectMany(r => r).ToArray(), new[] { check.Length, 2 });
    using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(GeneratorTransformer.OnnxInputName, input) });
    var ort = results.First().AsEnumerable<float>().ToArray();
    var torchRows = generator.Generate(check).SelectMany(r => r).ToArray();
    double maxDiff = ort.Zip(torchRows, (a, b) => Math.Abs(a - b)).Max();
    AnsiConsole.MarkupLine($"Exported {onnxPath}; ONNX Runtime vs TorchSharp on 64 latents: max |Δ| = {maxDiff:E2}");
}

AnsiConsole.MarkupLine($"Wrote {options.Out}/samples.png, loss.png, log.csv, generator.onnx");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT modes={metrics.ModesCovered}/8 hq={metrics.HighQualityRate:F3} J={jLast:E3} J0={j0:E3} seconds={clock.Elapsed.TotalSeconds:F1}"));
return 0;

/// <summary>IProgress that runs its callback on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

internal static class QuickStartPlots
{
    public static void Samples(float[][] real, float[][] fake, string path)
    {
        var plot = new Plot();
        var r = plot.Add.ScatterPoints(real.Select(p => (double)p[0]).ToArray(), real.Select(p => (double)p[1]).ToArray());
        r.LegendText = "real"; r.MarkerSize = 2; r.Color = Colors.Red.WithAlpha(0.5);
        var f = plot.Add.ScatterPoints(fake.Select(p => (double)p[0]).ToArray(), fake.Select(p => (double)p[1]).ToArray());
        f.LegendText = "generated"; f.MarkerSize = 2; f.Color = Colors.Blue.WithAlpha(0.5);
        plot.Title("8 Gaussians: real vs random-feature WGAN samples");
        plot.Axes.SetLimits(-2.2, 2.2, -2.2, 2.2);
        plot.ShowLegend();
        plot.SavePng(path, 700, 700);
    }

    public static void Losses(TrainingLog log, string path)
    {
        var steps = log.Steps.Select(s => (double)s).ToArray();
        var plot = new Plot();
        foreach (var name in new[] { "J", "L" })
        {
            var values = log.Column(name).Select(v => Math.Log10(Math.Max(v ?? double.NaN, 1e-12))).ToArray();
            plot.Add.Scatter(steps, values).LegendText = $"log10 {name}";
        }
        plot.Title("J (evaluation sample) and L (minibatch)");
        plot.XLabel("step");
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }
}
