using System.Diagnostics;
using Microsoft.ML;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Trainers;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Samples.Overparameterization;

internal sealed record MlpFidSettings(int Steps, int LatentDimension, int GeneratedCount, int NndSteps, int LogEvery);

internal sealed record MlpFidResult(int Width, int Seed, double FidTrain, double FidTest, double Nnd, double TrainSeconds, double EvalSeconds,
    IReadOnlyList<int> LogSteps, IReadOnlyList<double?> DLoss, float[][] Preview);

/// <summary>
/// The real sets every Fig. 3 run is scored against: Fashion-MNIST train (the GAN's data) and test (held out),
/// in [-1, 1], with the feature statistics of the shipped feature net cached once.
/// </summary>
internal sealed class FashionMnistReference : IDisposable
{
    public FashionMnistReference(MLContext ml, int realCount)
    {
        Train = ml.Gan().Data.FashionMnist(FashionMnistSplit.Train, PixelRange.MinusOneToOne);
        TrainRows = FashionMnist.Load(null, FashionMnistSplit.Train, PixelRange.MinusOneToOne, realCount).Images;
        TestRows = FashionMnist.Load(null, FashionMnistSplit.Test, PixelRange.MinusOneToOne, realCount).Images;
        Features = OnnxFeatureExtractor.FashionMnist();
        TrainStatistics = FeatureStatistics.FromFeatures(Features.ExtractFeatures(TrainRows));
        TestStatistics = FeatureStatistics.FromFeatures(Features.ExtractFeatures(TestRows));
    }

    /// <summary>All 60,000 training images as an IDataView (what the GAN trains on).</summary>
    public IDataView Train { get; }
    /// <summary>The first realCount training / test images, for FID(train) / FID(test) and NND.</summary>
    public float[][] TrainRows { get; }
    public float[][] TestRows { get; }
    public OnnxFeatureExtractor Features { get; }
    public FeatureStatistics TrainStatistics { get; }
    public FeatureStatistics TestStatistics { get; }

    public void Dispose() => Features.Dispose();
}

/// <summary>
/// One Fig. 3 run (Sajedi et al. 2021, §3 and App. D hyper-parameters): an MLP GAN of hidden width k (generator
/// and critic alike, as the paper holds k equal in both) trained by <c>ml.Gan().Trainers.Wgan</c> with the
/// gradient penalty (λ = 10, n_critic = 5, Adam 1e-4, β = (0.5, 0.999), batch 64), then scored by FID against the
/// train and the test real sets and by the neural-net divergence against the test set.
/// </summary>
internal static class MlpFidRun
{
    public static MlpFidResult Run(MLContext ml, FashionMnistReference reference, int width, int seed, MlpFidSettings s)
    {
        var clock = Stopwatch.StartNew();
        // The shortcut's options (a copy: a trainer keeps its own), with this run's latent size and log interval.
        var o = ml.Gan().Trainers.Wgan(WganConstraint.GradientPenalty, GanNetwork.Mlp, width, s.Steps, imageShape: [1, 28, 28], seed: seed).Options;
        o.LatentDimension = s.LatentDimension;
        o.LogEvery = s.LogEvery;
        // Stated, not assumed: the shortcut's defaults are the paper's App. D settings.
        if (o.GradientPenalty != 10 || o.DiscriminatorSteps != 5 || o.BatchSize != 64 || o.OutputActivation != OutputActivation.Tanh
            || o.GeneratorOptimizer != new Trainers.Dynamics.OptimizerSettings(Trainers.Dynamics.OptimizerKind.Adam, 1e-4, 0.5, 0.999)
            || o.DiscriminatorOptimizer != o.GeneratorOptimizer)
            throw new InvalidOperationException("ml.Gan().Trainers.Wgan(GradientPenalty) no longer has the paper's App. D settings; update the sample.");
        using var generator = ml.Gan().Trainers.Gan(o).Fit(reference.Train);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        var fakes = generator.Generate(LatentSampler.Sample(s.LatentDimension, s.GeneratedCount, unchecked(seed + 1000), LatentDistribution.Gaussian));
        var features = reference.Features.ExtractFeatures(fakes);
        double fidTrain = FrechetDistance.Compute(features, reference.TrainStatistics);
        double fidTest = FrechetDistance.Compute(features, reference.TestStatistics);
        double nnd = NeuralNetDivergence.Compute(reference.TestRows, fakes, new NeuralNetDivergenceOptions { Steps = s.NndSteps, Seed = seed });
        var log = generator.GanTraining().Log;
        return new MlpFidResult(width, seed, fidTrain, fidTest, nnd, trainSeconds, clock.Elapsed.TotalSeconds - trainSeconds,
            log.Steps, log.Column("d_loss"), fakes.Take(64).ToArray());
    }

    /// <summary>The real-vs-real floor: FID(train rows, test statistics) and NND(test, train rows) under the same settings.</summary>
    public static (double Fid, double Nnd) RealFloor(FashionMnistReference reference, MlpFidSettings s, int seed)
    {
        var rows = reference.TrainRows.Take(s.GeneratedCount).ToArray();
        double fid = FrechetDistance.Compute(reference.Features.ExtractFeatures(rows), reference.TestStatistics);
        double nnd = NeuralNetDivergence.Compute(reference.TestRows, rows, new NeuralNetDivergenceOptions { Steps = s.NndSteps, Seed = seed });
        return (fid, nnd);
    }
}
