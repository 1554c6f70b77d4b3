using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>DRAGAN: the unit-norm penalty at real samples perturbed by c·std(x)·U(0, 1) noise.</summary>
[TestClass]
public sealed class DraganPenaltyTests
{
    [TestMethod]
    public void LinearCriticGivesLambdaTimesNormMinusOneSquared()
    {
        var critic = Linear(2, 0, 0);
        Assert.AreEqual(10.0 * 1.0, Value(new DraganPenalty(10), critic, Gaussian(5, 3, 1), Gaussian(5, 3, 2), 1), 1e-12);
    }

    [TestMethod]
    public void QuadraticCriticIsEvaluatedAtThePerturbedRealSamples()
    {
        var critic = new QuadraticCritic([0.9, -1.4, 0.6]);
        var real = Gaussian(6, 3, 3) * 2 + 1;
        double lambda = 4, c = 0.7;
        double value = Value(new DraganPenalty(lambda, c), critic, real, Gaussian(6, 3, 4), 13);

        // Documented draw: u ~ U(0, 1) with the batch's shape; std is the population std of every entry of the batch.
        var u = Values(rand(new long[] { 6, 3 }, dtype: ScalarType.Float64, generator: new torch.Generator(13)));
        double[] x = Values(real);
        double mean = x.Average();
        double std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        double sum = 0;
        for (int i = 0; i < 6; i++)
            sum += Math.Pow(critic.GradientNorm(Enumerable.Range(0, 3).Select(j => x[i * 3 + j] + c * std * u[i * 3 + j]).ToArray()) - 1, 2);
        Assert.AreEqual(lambda * sum / 6, value, 1e-12);
        Assert.AreEqual(value, Value(new DraganPenalty(lambda, c), critic, real, Gaussian(6, 3, 5), 13), 1e-12, "the fakes play no part");
    }

    [TestMethod]
    public void ZeroScalePenalisesAtTheRealSamplesThemselves()
    {
        var critic = new QuadraticCritic([0.9, -1.4]);
        var real = Gaussian(4, 2, 3);
        double[] x = Values(real);
        double expected = Enumerable.Range(0, 4).Average(i => Math.Pow(critic.GradientNorm(Row(x, i, 2)) - 1, 2));
        Assert.AreEqual(expected, Value(new DraganPenalty(1, 0), critic, real, Gaussian(4, 2, 4), 2), 1e-12);
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new DraganPenalty(10), new TanhCritic([3], 4, seed: 5), Gaussian(4, 3, 2), Gaussian(4, 3, 3), 4);

    [TestMethod]
    public void SameSeedSameValueOtherSeedOtherValue()
    {
        var critic = new TanhCritic([3], 4, seed: 5);
        var stage = new DraganPenalty(10);
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        Assert.AreEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 5), 0.0);
        Assert.AreNotEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 6), 1e-9);
    }

    [TestMethod]
    public void RejectsBadCoefficients()
    {
        Assert.AreEqual("lambda", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DraganPenalty(0)).ParamName);
        Assert.AreEqual("scale", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DraganPenalty(10, -0.5)).ParamName);
        Assert.AreEqual("scale", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DraganPenalty(10, double.NaN)).ParamName);
        var stage = new DraganPenalty();
        Assert.AreEqual(("dragan", 10.0, 0.5), (stage.Name, stage.Lambda, stage.Scale));
    }
}
