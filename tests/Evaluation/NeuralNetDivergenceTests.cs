using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class NeuralNetDivergenceTests
{
    private static readonly GaussianMixture Ring = GaussianMixture.Ring(8, 2, 0.2);

    public TestContext TestContext { get; set; } = null!;

    private static NeuralNetDivergenceOptions Fast(int seed) => new() { Steps = 600, Width = 64, BatchSize = 128, Seed = seed };

    [TestMethod]
    public void MemorisingGenerator_ScoresWorseThanHeldOutRealData()
    {
        var training = Ring.Sample(200, new SeededRandom(1));
        var pick = new SeededRandom(2);
        var memorised = Enumerable.Range(0, 2000).Select(_ => training[pick.Next(training.Length)]).ToArray();
        var heldOut = Ring.Sample(2000, new SeededRandom(3));
        var reference = Ring.Sample(2000, new SeededRandom(4));

        double memorisedNnd = NeuralNetDivergence.Compute(reference, memorised, Fast(5));
        double heldOutNnd = NeuralNetDivergence.Compute(reference, heldOut, Fast(5));
        TestContext.WriteLine($"NND memorised = {memorisedNnd:G4}, held-out real = {heldOutNnd:G4}");

        Assert.IsGreaterThan(heldOutNnd, memorisedNnd);
    }

    [TestMethod]
    public void ShiftedDistribution_ScoresMuchWorseThanHeldOutRealData()
    {
        var reference = Ring.Sample(1000, new SeededRandom(4));
        var heldOut = Ring.Sample(1000, new SeededRandom(3));
        var shifted = new GaussianMixture(Ring.Means.Select(m => new[] { m[0] + 1.0, m[1] }).ToArray(), Ring.Std).Sample(1000, new SeededRandom(6));

        double shiftedNnd = NeuralNetDivergence.Compute(reference, shifted, Fast(7));
        double heldOutNnd = NeuralNetDivergence.Compute(reference, heldOut, Fast(7));
        TestContext.WriteLine($"NND shifted = {shiftedNnd:G4}, held-out real = {heldOutNnd:G4}");

        // W1 of a rigid shift by 1 is exactly 1; a Lipschitz-penalised critic recovers most of it.
        Assert.IsGreaterThan(0.5, shiftedNnd);
        Assert.IsGreaterThan(5 * Math.Max(heldOutNnd, 0.01), shiftedNnd);
    }

    [TestMethod]
    public void SameSeed_SameValue()
    {
        var a = Ring.Sample(100, new SeededRandom(1));
        var b = Ring.Sample(100, new SeededRandom(2));
        var o = new NeuralNetDivergenceOptions { Steps = 20, Width = 16, Seed = 3 };
        Assert.AreEqual(NeuralNetDivergence.Compute(a, b, o), NeuralNetDivergence.Compute(a, b, o));
        Assert.AreEqual(NeuralNetDivergence.Compute(a, b, o), NeuralNetDivergence.Compute(a, b, new NeuralNetDivergenceOptions { Steps = 20, Width = 16 }, seed: 3));
    }

    [TestMethod]
    public void DcganCritic_RunsOnImages()
    {
        var random = new SeededRandom(1);
        float[][] Images(double offset) => Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 64).Select(_ => (float)(offset + 0.1 * random.Normal())).ToArray()).ToArray();
        var o = new NeuralNetDivergenceOptions { Critic = NndCriticKind.Dcgan, Width = 4, Steps = 30, BatchSize = 8, ImageShape = [1, 8, 8], Seed = 1 };
        double far = NeuralNetDivergence.Compute(Images(0), Images(1), o);
        Assert.IsTrue(double.IsFinite(far));
        Assert.IsGreaterThan(0.0, far); // real and fake differ by 1 in each of 64 pixels: any trained critic separates them
    }

    [TestMethod]
    public void InvalidInputs_AreRejectedWithClearErrors()
    {
        var a = Ring.Sample(10, new SeededRandom(1));
        var three = Enumerable.Range(0, 10).Select(i => new float[] { i, 0, 1 }).ToArray();
        var ex = Assert.ThrowsExactly<ArgumentException>(() => NeuralNetDivergence.Compute(a, a[..3]));
        Assert.AreEqual("generated", ex.ParamName);
        StringAssert.Contains(ex.Message, "at least 2");
        Assert.ThrowsExactly<ArgumentException>(() => NeuralNetDivergence.Compute(a, three));
        var nan = a.Select(r => r.ToArray()).ToArray();
        nan[4][1] = float.NaN;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => NeuralNetDivergence.Compute(nan, a)).Message, "finite");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NeuralNetDivergence.Compute(a, a, new NeuralNetDivergenceOptions { TrainFraction = 1 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NeuralNetDivergence.Compute(a, a, new NeuralNetDivergenceOptions { Steps = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NeuralNetDivergence.Compute(a, a, new NeuralNetDivergenceOptions { Lambda = -1 }));
        var dcgan = new NeuralNetDivergenceOptions { Critic = NndCriticKind.Dcgan };
        Assert.AreEqual("ImageShape", Assert.ThrowsExactly<ArgumentException>(() => NeuralNetDivergence.Compute(a, a, dcgan)).ParamName);
    }
}
