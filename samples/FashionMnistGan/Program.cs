// A class-conditional GAN on Fashion-MNIST that a person would show: DCGAN (or ResNet) networks, hinge loss, a
// spectral-norm projection critic (Miyato & Koyama 2018), DiffAugment on every critic input (Zhao et al. 2020) and a
// generator-weight EMA, with FID on the test set during training (best checkpoint kept). Writes grid.png (one row per
// class), fid.png (FID vs wall time), generator.onnx (inputs latent and label) and ends with one RESULT line.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlGan.Cli;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Samples.FashionMnistGan;
using MlGan.Trainers;
using MlGan.Trainers.Augmentation;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Networks;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Data.Images;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Native;

return CliErrors.Invoke(FashionMnistGanArgs.Command(Run), "FashionMnistGan", args);

int Run(FashionMnistGanArgs a)
{
    var ci = CultureInfo.InvariantCulture;
    var clock = Stopwatch.StartNew();
    TorchSharp.torch.set_num_threads(a.Threads);
    Console.WriteLine($"oneDNN: {OneDnn.Summary}");
    Directory.CreateDirectory(a.Out);

    var ml = new MLContext(a.Seed);
    IDataView train = ml.Gan().Data.FashionMnist(FashionMnistSplit.Train, PixelRange.MinusOneToOne, a.FashionMnistDirectory);
    var test = FashionMnist.Load(a.FashionMnistDirectory, FashionMnistSplit.Test, PixelRange.MinusOneToOne).Images;
    var reference = FidReference.FromSamples(OnnxFeatureExtractor.FashionMnist(), test);
    double realFid = reference.Score(FashionMnist.Load(a.FashionMnistDirectory, FashionMnistSplit.Train, PixelRange.MinusOneToOne).Images);
    Console.WriteLine(string.Create(ci, $"real_fid (60,000 train vs 10,000 test images, shipped feature net) = {realFid:F3}  [{clock.Elapsed.TotalSeconds:F0} s]"));

    var curve = new List<FidPoint>();
    var optimizer = new OptimizerSettings(OptimizerKind.Adam, a.LearningRateG, a.Beta1, a.Beta2);
    var options = new GanTrainerOptions
    {
        Network = GanNetworks.ByName(a.Net), Width = a.Width, LatentDimension = a.LatentDimension, BatchSize = a.BatchSize, Steps = a.Steps, Seed = a.Seed,
        ImageShape = [1, FashionMnist.Height, FashionMnist.Width], OutputActivation = OutputActivation.Tanh,
        Loss = GanLosses.ByName("hinge"), SpectralNorm = true,
        LabelColumnName = GanDataCatalog.LabelColumn, Conditioning = GanConditioning.Projection,
        GeneratorOptimizer = optimizer, DiscriminatorOptimizer = optimizer with { LearningRate = a.LearningRateD },
        DiffAugment = a.DiffAugment is "none" or "" ? null : DiffAugment.Parse(a.DiffAugment), EmaDecay = a.Ema,
        TimeLimit = TimeSpan.FromMinutes(a.Minutes), LogEvery = 100,
        CheckpointDirectory = Path.Combine(a.Out, "checkpoints"), KeepCheckpoints = 1,
        Evaluation = new TrainingEvaluation
        {
            Name = "fid", Every = a.FidEvery,
            Evaluate = snapshot =>
            {
                double fid = reference.Score(snapshot.Generate(a.FidSamples, a.Seed + 1000));
                curve.Add(new FidPoint(snapshot.Step, clock.Elapsed.TotalSeconds, fid));
                Console.WriteLine(string.Create(ci, $"step {snapshot.Step,6}  fid {fid,8:F2}  ({a.FidSamples} samples vs test)  [{clock.Elapsed.TotalSeconds:F0} s]"));
                return fid;
            },
        },
    };
    Console.WriteLine(string.Create(ci, $"conditional {a.Net} k={a.Width}, hinge + SN projection critic, DiffAugment {a.DiffAugment}, EMA {a.Ema}, " +
        $"Adam({a.LearningRateG}/{a.LearningRateD}, β=({a.Beta1}, {a.Beta2})), batch {a.BatchSize}, ≤ {a.Steps} steps or {a.Minutes} min, {a.Threads} threads"));
    using var generator = ml.Gan().Trainers.Gan(options).Fit(train);
    var result = generator.GanTraining();
    foreach (var warning in result.Warnings) Console.WriteLine($"warning: {warning}");
    int stepsRun = result.Log.Steps[^1] + 1;
    double trainSeconds = clock.Elapsed.TotalSeconds;

    // The final score: a balanced draw (class i % 10) from the returned (EMA) generator against the 10,000 test images.
    int classes = generator.ClassCount;
    var latents = LatentSampler.Sample(generator.LatentDimension, a.FinalSamples, a.Seed + 2000, generator.Metadata.LatentDistribution);
    var labels = Enumerable.Range(0, a.FinalSamples).Select(i => (long)(i % classes)).ToArray();
    double fidFinal = reference.Score(generator.Generate(latents, labels));

    // grid.png: row r shows class r.
    const int columns = 10;
    var gridLatents = LatentSampler.Sample(generator.LatentDimension, classes * columns, a.Seed + 3000, generator.Metadata.LatentDistribution);
    var gridLabels = Enumerable.Range(0, classes * columns).Select(i => (long)(i / columns)).ToArray();
    ImageGrid.SavePng(Path.Combine(a.Out, "grid.png"), generator.Generate(gridLatents, gridLabels), generator.Metadata.OutputShape, rows: classes);
    FidPlot.Save(curve, fidFinal, realFid, Path.Combine(a.Out, "fid.png"));
    File.WriteAllLines(Path.Combine(a.Out, "fid.csv"), curve.Select(p => string.Create(ci, $"{p.Step},{p.Seconds:F1},{p.Fid:R}")).Prepend("step,seconds,fid"));
    result.Log.SaveCsv(Path.Combine(a.Out, "log.csv"));
    generator.ExportOnnx(Path.Combine(a.Out, "generator.onnx"));
    if (result.BestEvaluation is { } best)
        Console.WriteLine(string.Create(ci, $"best fid during training {best.Value:F2} after {best.Step} steps{(result.BestCheckpoint is { } c ? $" ({c})" : "")}"));
    Console.WriteLine(string.Create(ci, $"trained {stepsRun} steps in {trainSeconds:F0} s ({1000 * trainSeconds / stepsRun:F0} ms/step incl. evaluations); wrote grid.png, fid.png, fid.csv, log.csv, generator.onnx to {a.Out}"));
    Console.WriteLine(string.Create(ci, $"RESULT fid={fidFinal:F2} real_fid={realFid:F3} seconds={clock.Elapsed.TotalSeconds:F0}"));
    return 0;
}
