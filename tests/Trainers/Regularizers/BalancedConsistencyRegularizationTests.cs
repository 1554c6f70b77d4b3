using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>bCR: λ_real·E(f(x) − f(T x))² + λ_fake·E(f(y) − f(T y))², with identity, known and default augmentations.</summary>
[TestClass]
public sealed class BalancedConsistencyRegularizationTests
{
    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();

    [TestMethod]
    public void IdentityAugmentationCostsNothing()
    {
        var stage = new BalancedConsistencyRegularization(10, 10, (x, _) => x);
        Assert.AreEqual(0.0, Value(stage, new TanhCritic([3], 4, seed: 1), Gaussian(5, 3, 1), Gaussian(5, 3, 2), 1));
    }

    [TestMethod]
    public void DoublingAugmentationOfALinearCriticMatchesTheClosedForm()
    {
        // f(x) − f(2x) = −wᵀx, so the penalty is λ_real·mean (wᵀxᵢ)² + λ_fake·mean (wᵀyᵢ)².
        double[] w = [0.5, -1, 2];
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        double[] x = Values(real), y = Values(fake);
        double expected = 3 * Enumerable.Range(0, 6).Average(i => Math.Pow(Dot(w, Row(x, i, 3)), 2))
                        + 7 * Enumerable.Range(0, 6).Average(i => Math.Pow(Dot(w, Row(y, i, 3)), 2));
        var stage = new BalancedConsistencyRegularization(3, 7, (t, _) => t * 2);
        Assert.AreEqual(expected, Value(stage, Linear(w), real, fake, 1), 1e-12);
    }

    [TestMethod]
    public void AZeroWeightSkipsItsTermAndItsAugmentation()
    {
        double[] w = [1, 1];
        var (real, fake) = (Gaussian(4, 2, 1), Gaussian(4, 2, 2));
        double shift = 0.25;
        int calls = 0;
        var stage = new BalancedConsistencyRegularization(0, 2, (t, _) => { calls++; return t + shift; });
        // f(y) − f(y + s·1) = −s·Σw, the same for every sample.
        Assert.AreEqual(2 * Math.Pow(shift * w.Sum(), 2), Value(stage, Linear(w), real, fake, 1), 1e-12);
        Assert.AreEqual(1, calls);
    }

    [TestMethod]
    public void TheRealBatchIsAugmentedFirst()
    {
        var (real, fake) = (Gaussian(4, 2, 1), Gaussian(4, 2, 2));
        var seen = new List<double[]>();
        var stage = new BalancedConsistencyRegularization(1, 1, (t, _) => { seen.Add(Values(t)); return t; });
        Value(stage, Linear(1, 1), real, fake, 1);
        Assert.HasCount(2, seen);
        CollectionAssert.AreEqual(Values(real), seen[0]);
        CollectionAssert.AreEqual(Values(fake), seen[1]);
    }

    [TestMethod]
    public void DefaultVectorAugmentationIsGaussianNoiseFromTheStream()
    {
        var critic = new TanhCritic([3], 5, seed: 2);
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        double sigma = 0.3;
        double value = Value(new BalancedConsistencyRegularization(2, 5, sigma), critic, real, fake, 21);

        // Documented draws: N(0, 1) noise with the batch's shape, the real batch's first.
        var stream = new torch.Generator(21);
        var noiseReal = randn(new long[] { 6, 3 }, dtype: ScalarType.Float64, generator: stream);
        var noiseFake = randn(new long[] { 6, 3 }, dtype: ScalarType.Float64, generator: stream);
        double[] Scores(Tensor t) { using (no_grad()) return Values(critic.forward(t)); }
        double MeanSquaredGap(double[] a, double[] b) => a.Zip(b, (p, q) => (p - q) * (p - q)).Average();
        double expected = 2 * MeanSquaredGap(Scores(real), Scores(real + noiseReal * sigma))
                        + 5 * MeanSquaredGap(Scores(fake), Scores(fake + noiseFake * sigma));
        Assert.AreEqual(expected, value, 1e-12);
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new BalancedConsistencyRegularization(10, 10, 0.5), new TanhCritic([3], 4, seed: 7), Gaussian(4, 3, 2), Gaussian(4, 3, 3), 4);

    [TestMethod]
    public void SameSeedSameValueOtherSeedOtherValue()
    {
        var critic = new TanhCritic([3], 4, seed: 7);
        var stage = new BalancedConsistencyRegularization();
        var (real, fake) = (Gaussian(6, 3, 1), Gaussian(6, 3, 2));
        Assert.AreEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 5), 0.0);
        Assert.AreNotEqual(Value(stage, critic, real, fake, 5), Value(stage, critic, real, fake, 6), 1e-9);
    }

    [TestMethod]
    public void AnAugmentationThatChangesTheShapeIsReported()
    {
        var stage = new BalancedConsistencyRegularization(1, 1, (t, _) => t[TensorIndex.Slice(0, 2)]);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Value(stage, Linear(1, 1), Gaussian(4, 2, 1), Gaussian(4, 2, 2), 1));
        StringAssert.Contains(error.Message, "[2, 2]");
        StringAssert.Contains(error.Message, "[4, 2]");
    }

    [TestMethod]
    public void RejectsBadCoefficients()
    {
        Assert.AreEqual("realWeight", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BalancedConsistencyRegularization(-1, 1)).ParamName);
        Assert.AreEqual("fakeWeight", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BalancedConsistencyRegularization(1, double.NaN)).ParamName);
        Assert.AreEqual("fakeWeight", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BalancedConsistencyRegularization(0, 0)).ParamName);
        Assert.AreEqual("noiseStd", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BalancedConsistencyRegularization(1, 1, 0.0)).ParamName);
        Assert.AreEqual("augmentation", Assert.ThrowsExactly<ArgumentNullException>(() => new BalancedConsistencyRegularization(1, 1, null!)).ParamName);
        var stage = new BalancedConsistencyRegularization();
        Assert.AreEqual(("bcr", 10.0, 10.0), (stage.Name, stage.RealWeight, stage.FakeWeight));
    }
}
