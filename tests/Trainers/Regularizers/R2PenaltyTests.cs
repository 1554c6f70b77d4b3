using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>R2: (γ/2)·E‖∇f‖² at the generated samples only.</summary>
[TestClass]
public sealed class R2PenaltyTests
{
    [TestMethod]
    public void LinearCriticGivesHalfGammaSquaredNorm()
    {
        var critic = Linear(0.6, 0.8); // ‖w‖² = 1
        Assert.AreEqual(0.5 * 0.2, Value(new R2Penalty(0.2), critic, Gaussian(5, 2, 1), Gaussian(5, 2, 2), 1), 1e-12);
    }

    [TestMethod]
    public void QuadraticCriticIsEvaluatedAtTheGeneratedSamples()
    {
        var critic = new QuadraticCritic([1.5, -0.5, 0.7]);
        var fake = Gaussian(6, 3, 3);
        double[] y = Values(fake);
        double expected = 0.5 * 2 * Enumerable.Range(0, 6).Average(i => Math.Pow(critic.GradientNorm(Row(y, i, 3)), 2));
        Assert.AreEqual(expected, Value(new R2Penalty(2), critic, Gaussian(6, 3, 4), fake, 1), 1e-12);
        Assert.AreEqual(expected, Value(new R2Penalty(2), critic, Gaussian(6, 3, 5), fake, 1), 1e-12, "the reals play no part");
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new R2Penalty(10), new TanhCritic([3], 4, seed: 4), Gaussian(4, 3, 2), Gaussian(4, 3, 3), 4);

    [TestMethod]
    public void DrawsNothingFromThePenaltyStream()
    {
        var critic = new TanhCritic([3], 4, seed: 4);
        var random = new torch.Generator(8);
        new R2Penalty(10).Penalty(Batch(critic, Gaussian(4, 3, 2), Gaussian(4, 3, 3), 0, random));
        Assert.AreEqual(rand(1, generator: new torch.Generator(8)).item<float>(), rand(1, generator: random).item<float>());
    }

    [TestMethod]
    public void RejectsANonPositiveGamma()
    {
        foreach (double bad in new[] { 0, -3, double.NaN })
            Assert.AreEqual("gamma", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new R2Penalty(bad)).ParamName);
        Assert.AreEqual("r2", new R2Penalty(1).Name);
    }
}
