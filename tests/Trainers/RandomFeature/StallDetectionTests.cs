using Microsoft.ML;
using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;

namespace MlGan.Trainers.Tests.RandomFeature;

/// <summary>A random-feature run that cannot move, or climbs, says so instead of ending quietly.</summary>
[TestClass]
public sealed class StallDetectionTests
{
    private static RandomFeatureWganOptions Small() => new()
    {
        GeneratorWidth = 60, DiscriminatorWidth = 20, Steps = 6, LogEvery = 1, BatchSize = 64, EvaluationSampleSize = 256,
        Optimizer = ThetaOptimizer.Sgd, LearningRate = 1e-3, Seed = 3,
    };

    [TestMethod]
    public void SaturatedCriticFeaturesAreAClearErrorNamingTheCause()
    {
        // Critic features a_jᵀx + b_j of scale 1e8: tanh′ is exactly 0 in float32, so no gradient reaches θ.
        var o = Small();
        o.DiscriminatorWeightScale = 1e8;
        var ml = new MLContext(1);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Gan().Trainers.RandomFeatureWgan(o).Fit(ml.Gan().Data.GaussianRing(count: 256, seed: 1)));
        StringAssert.Contains(ex.Message, "θ did not move in 6 steps");
        StringAssert.Contains(ex.Message, "saturate");
    }

    [TestMethod]
    public void AHealthyRunRaisesNoStallWarning()
    {
        var ml = new MLContext(1);
        using var generator = ml.Gan().Trainers.RandomFeatureWgan(Small()).Fit(ml.Gan().Data.GaussianRing(count: 256, seed: 1));
        var run = generator.RandomFeatureTraining();
        Assert.AreEqual(0, run.Warnings.Count, string.Join("; ", run.Warnings));
        Assert.IsTrue(run.Log.Column("J")[^1] < run.InitialJ);
    }

    [TestMethod]
    public void TheDetectorWarnsOnceForAZeroGradientAndOnceForARisingJ()
    {
        var detector = new RandomFeatureStallDetector(initialJ: 2.0);
        string[] q = ["L", "J", "grad_norm"];
        Assert.IsNull(detector.Observe(0, q, [1.0, 1.5, 0.3]));
        Assert.IsNull(detector.Observe(1, q, [null, null, null]), "unlogged steps say nothing");
        StringAssert.Contains(detector.Observe(2, q, [1.0, 1.5, 0.0]), "exactly 0");
        Assert.AreEqual(2, detector.ZeroGradientAt);
        StringAssert.Contains(detector.Observe(3, q, [1.0, 2.5, 0.0]), "rose above");
        Assert.AreEqual(3, detector.RoseAt);
        Assert.IsNull(detector.Observe(4, q, [1.0, 3.0, 0.0]), "each warning once");
    }
}
