using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>R1: (γ/2)·E‖∇f‖² at the real samples only.</summary>
[TestClass]
public sealed class R1PenaltyTests
{
    [TestMethod]
    public void LinearCriticGivesHalfGammaSquaredNorm()
    {
        var critic = Linear(1, -2, 2); // ‖w‖² = 9
        Assert.AreEqual(0.5 * 4 * 9, Value(new R1Penalty(4), critic, Gaussian(5, 3, 1), Gaussian(5, 3, 2), 1), 1e-12);
    }

    [TestMethod]
    public void QuadraticCriticIsEvaluatedAtTheRealSamples()
    {
        var critic = new QuadraticCritic([0.5, 2.0, -1.5]);
        var real = Gaussian(5, 3, 3);
        double[] x = Values(real);
        double expected = 0.5 * 3 * Enumerable.Range(0, 5).Average(i => Math.Pow(critic.GradientNorm(Row(x, i, 3)), 2));
        Assert.AreEqual(expected, Value(new R1Penalty(3), critic, real, Gaussian(5, 3, 4), 1), 1e-12);
        Assert.AreEqual(expected, Value(new R1Penalty(3), critic, real, Gaussian(5, 3, 5), 1), 1e-12, "the fakes play no part");
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new R1Penalty(10), new TanhCritic([3], 4, seed: 3), Gaussian(4, 3, 2), Gaussian(4, 3, 3), 4);

    [TestMethod]
    public void DrawsNothingFromThePenaltyStream()
    {
        // Deterministic stages must not shift the draws of the stages after them.
        var critic = new TanhCritic([3], 4, seed: 3);
        var random = new torch.Generator(8);
        new R1Penalty(10).Penalty(Batch(critic, Gaussian(4, 3, 2), Gaussian(4, 3, 3), 0, random));
        Assert.AreEqual(rand(1, generator: new torch.Generator(8)).item<float>(), rand(1, generator: random).item<float>());
    }

    [TestMethod]
    public void RejectsANonPositiveGamma()
    {
        foreach (double bad in new[] { 0, -0.1, double.NaN, double.PositiveInfinity })
            Assert.AreEqual("gamma", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new R1Penalty(bad)).ParamName);
        Assert.AreEqual("r1", new R1Penalty().Name);
        Assert.AreEqual(10.0, new R1Penalty().Gamma);
    }
}
