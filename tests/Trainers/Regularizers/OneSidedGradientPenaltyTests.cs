using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>The one-sided (WGAN-LP) stage: only gradient norms above 1 are penalised, at WGAN-GP's interpolates.</summary>
[TestClass]
public sealed class OneSidedGradientPenaltyTests
{
    [TestMethod]
    public void LinearCriticBelowUnitSlopeCostsNothingAboveItCostsAsTwoSided()
    {
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        Assert.AreEqual(0.0, Value(new OneSidedGradientPenalty(10), Linear(0.3, 0, 0.4), real, fake, 3)); // ‖w‖ = 0.5
        Assert.AreEqual(10.0 * 16.0, Value(new OneSidedGradientPenalty(10), Linear(3, 0, 4), real, fake, 3), 1e-10); // ‖w‖ = 5
    }

    [TestMethod]
    public void QuadraticCriticIsEvaluatedAtTheInterpolatesOfTheTwoSidedPenalty()
    {
        var critic = new QuadraticCritic([0.8, 1.3, -0.9]);
        var real = Gaussian(8, 3, 4);
        var fake = Gaussian(8, 3, 5);
        double value = Value(new OneSidedGradientPenalty(2), critic, real, fake, 11);

        var eps = Values(rand(new long[] { 8, 1 }, dtype: ScalarType.Float64, generator: new torch.Generator(11)));
        double[] x = Values(real), y = Values(fake);
        var norms = Enumerable.Range(0, 8).Select(i => critic.GradientNorm(
            Enumerable.Range(0, 3).Select(j => eps[i] * x[i * 3 + j] + (1 - eps[i]) * y[i * 3 + j]).ToArray())).ToArray();
        Assert.IsTrue(norms.Any(n => n < 1) && norms.Any(n => n > 1), "the batch must straddle the hinge for the check to mean anything");
        Assert.AreEqual(2 * norms.Average(n => Math.Pow(Math.Max(0, n - 1), 2)), value, 1e-12);
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new OneSidedGradientPenalty(10), new TanhCritic([3], 4, seed: 2, scale: 1.5), Gaussian(4, 3, 2), Gaussian(4, 3, 3), 4);

    [TestMethod]
    public void SameSeedSameValueOtherSeedOtherValue()
    {
        var critic = new TanhCritic([3], 4, seed: 2, scale: 1.5);
        var stage = new OneSidedGradientPenalty(10);
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        Assert.AreEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 5), 0.0);
        Assert.AreNotEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 6), 1e-9);
    }

    [TestMethod]
    public void RejectsANonPositiveLambda()
    {
        foreach (double bad in new[] { 0, -2, double.NaN })
            Assert.AreEqual("lambda", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OneSidedGradientPenalty(bad)).ParamName);
        Assert.AreEqual("gp-one-sided", new OneSidedGradientPenalty(1).Name);
    }
}
