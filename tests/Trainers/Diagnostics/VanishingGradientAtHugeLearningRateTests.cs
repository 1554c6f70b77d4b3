using Microsoft.ML;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Trainers.Tests.Diagnostics;

/// <summary>
/// The engine's vanishing-gradient detector on the failure of issue #18: the saturating JS loss at a huge learning
/// rate, where one Adam step saturates the critic and the generator's gradient is exactly 0 from then on.
/// </summary>
[TestClass]
public sealed class VanishingGradientAtHugeLearningRateTests
{
    private static (int? WarnedAt, IReadOnlyList<string> Warnings) Train(double learningRate)
    {
        var ml = new MLContext(1);
        var o = new GanTrainerOptions
        {
            Loss = new JsGanLoss(), Width = 16, HiddenLayers = 1, LatentDimension = 2, BatchSize = 64, Steps = 40, LogEvery = 10, Seed = 1,
            GeneratorOptimizer = new OptimizerSettings(LearningRate: learningRate),
            DiscriminatorOptimizer = new OptimizerSettings(LearningRate: learningRate),
        };
        using var generator = ml.Gan().Trainers.Gan(o).Fit(ml.Gan().Data.GaussianRing(count: 256, seed: 1));
        var result = generator.GanTraining();
        return (result.VanishingGradient.WarnedAt, result.Warnings);
    }

    [TestMethod]
    [DataRow(1.0)]
    [DataRow(100.0)]
    public void HugeLearningRate_WarnsOfAVanishingGeneratorGradient(double learningRate)
    {
        var result = Train(learningRate);
        Assert.IsNotNull(result.WarnedAt, string.Join("\n", result.Warnings));
        Assert.IsTrue(result.Warnings.Any(w => w.Contains("Vanishing generator gradient", StringComparison.Ordinal)), string.Join("\n", result.Warnings));
    }

    [TestMethod]
    public void DefaultLearningRate_DoesNotWarn() => Assert.IsNull(Train(GanTrainerOptions.Defaults.LearningRate).WarnedAt);
}
