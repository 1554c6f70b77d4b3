using System.Diagnostics;
using Microsoft.ML;
using MlGan.Evaluation;
using MlGan.Trainers;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Networks;
using MlGan.Transforms;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Samples.OverparameterizationImages;

/// <summary>FID(train) and FID(test) at one evaluation step (Fig. 5's curve).</summary>
internal sealed record FidPoint(int Step, double FidTrain, double FidTest);

/// <summary>One k of the sweep: the FID curve during training and the final FID(train), FID(test) and NND.</summary>
internal sealed record ImageSweepResult(int Width, IReadOnlyList<FidPoint> Curve, double FidTrain, double FidTest, double Nnd, double TrainSeconds, double EvalSeconds);

/// <summary>
/// One DCGAN (or ResNet) GAN with hidden dimension k in generator and critic alike (the paper holds them equal), trained by
/// the engine, <c>ml.Gan().Trainers.Gan(options)</c>: the standard non-saturating loss, Adam(2e-4, β 0.5, 0.999), batch 64
/// (the DCGAN recipe of Radford et al. that the paper's Fig. 8 architectures follow). FID is computed during training
/// through <see cref="GanTrainerOptions.Evaluation"/> (a <see cref="TrainingEvaluation"/>) against both real sets.
/// </summary>
internal static class ImageSweepRun
{
    public static ImageSweepResult Run(MLContext ml, RealImages real, ImageSweepArgs a, int width)
    {
        var clock = Stopwatch.StartNew();
        var curve = new List<FidPoint>();
        var adam = new OptimizerSettings(OptimizerKind.Adam, 2e-4, 0.5, 0.999);
        var options = new GanTrainerOptions
        {
            Network = GanNetworks.ByName(a.Net), Width = width, LatentDimension = a.LatentDimension, BatchSize = 64, Steps = a.Steps, Seed = a.Seed,
            ImageShape = real.Shape, OutputActivation = OutputActivation.Tanh, Loss = GanLosses.ByName("js-ns"),
            GeneratorOptimizer = adam, DiscriminatorOptimizer = adam, LogEvery = Math.Max(1, a.EvalEvery),
            Evaluation = new TrainingEvaluation
            {
                Name = "fid_train", Every = a.EvalEvery,
                Evaluate = snapshot =>
                {
                    var (train, test) = real.Fid(snapshot.Generate(a.FidSamples, a.Seed + 1000));
                    curve.Add(new FidPoint(snapshot.Step, train, test));
                    return train;
                },
            },
        };
        using var generator = ml.Gan().Trainers.Gan(options).Fit(real.Train);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var fakes = generator.Generate(LatentSampler.Sample(a.LatentDimension, a.FidSamples, a.Seed + 2000, LatentDistribution.Gaussian));
        var (fidTrain, fidTest) = real.Fid(fakes);
        double nnd = NeuralNetDivergence.Compute(real.TestRows, fakes, new NeuralNetDivergenceOptions { Steps = a.NndSteps, Seed = a.Seed });
        return new ImageSweepResult(width, curve, fidTrain, fidTest, nnd, trainSeconds, clock.Elapsed.TotalSeconds - trainSeconds);
    }
}
