using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>The two-sided WGAN-GP stage: closed forms, the interpolation points, weight gradients, seeding.</summary>
[TestClass]
public sealed class GradientPenaltyTests
{
    [TestMethod]
    public void LinearCriticGivesLambdaTimesNormMinusOneSquared()
    {
        // f(x) = wᵀx has ∇f = w everywhere: λ(‖w‖ − 1)² whatever the points.
        var critic = Linear(0.3, 0, 0.4); // ‖w‖ = 0.5
        double value = Value(new GradientPenalty(2.5), critic, Gaussian(6, 3, 1), Gaussian(6, 3, 2), 3);
        Assert.AreEqual(2.5 * 0.25, value, 1e-12);
    }

    [TestMethod]
    public void QuadraticCriticIsEvaluatedAtThePerSampleInterpolates()
    {
        var critic = new QuadraticCritic([0.5, 2.0, -1.5]);
        var real = Gaussian(5, 3, 4);
        var fake = Gaussian(5, 3, 5);
        double lambda = 3;
        double value = Value(new GradientPenalty(lambda), critic, real, fake, 9);

        // The documented draw: ε ~ U(0, 1) of shape [B, 1] from the stream, x̂ᵢ = εᵢxᵢ + (1 − εᵢ)yᵢ.
        var eps = Values(rand(new long[] { 5, 1 }, dtype: ScalarType.Float64, generator: new torch.Generator(9)));
        double[] x = Values(real), y = Values(fake);
        double sum = 0;
        for (int i = 0; i < 5; i++)
        {
            var mixed = Enumerable.Range(0, 3).Select(j => eps[i] * x[i * 3 + j] + (1 - eps[i]) * y[i * 3 + j]).ToArray();
            sum += Math.Pow(critic.GradientNorm(mixed) - 1, 2);
        }
        Assert.AreEqual(lambda * sum / 5, value, 1e-12);
    }

    [TestMethod]
    public void StageReproducesTheStaticComputeBitForBit()
    {
        // The critic step that uses the stage must reproduce runs made with GradientPenalty.Compute.
        var critic = new MlpDiscriminator([2, 2], 8, seed: 2);
        var real = randn(new long[] { 4, 2, 2 }, generator: new torch.Generator(1));
        var fake = randn(new long[] { 4, 2, 2 }, generator: new torch.Generator(2));
        float stage = new GradientPenalty(10).Penalty(Batch(critic, real, fake, 7)).item<float>();
        float direct = GradientPenalty.Compute(critic, real, fake, 10, new torch.Generator(7)).item<float>();
        Assert.AreEqual(direct, stage, 0f);
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new GradientPenalty(10), new TanhCritic([3], 4, seed: 1), Gaussian(4, 3, 2), Gaussian(4, 3, 3), 4);

    [TestMethod]
    public void SameSeedSameValueOtherSeedOtherValue()
    {
        var critic = new TanhCritic([3], 4, seed: 1);
        var stage = new GradientPenalty(10);
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        Assert.AreEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 5), 0.0);
        Assert.AreNotEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 6), 1e-9);
    }

    [TestMethod]
    public void RejectsANonPositiveOrNonFiniteLambda()
    {
        foreach (double bad in new[] { 0, -1, double.NaN, double.PositiveInfinity })
            Assert.AreEqual("lambda", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GradientPenalty(bad)).ParamName);
        Assert.AreEqual("gp", new GradientPenalty().Name);
        Assert.AreEqual(10.0, new GradientPenalty().Lambda);
    }

    [TestMethod]
    public void MismatchedBatchesAreRejected()
    {
        var critic = new TanhCritic([3], 4, seed: 1);
        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            new GradientPenalty(10).Penalty(Batch(critic, Gaussian(4, 3, 1), Gaussian(5, 3, 2), 1)));
        Assert.AreEqual("fake", error.ParamName);
    }
}
