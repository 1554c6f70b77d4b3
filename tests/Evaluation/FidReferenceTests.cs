using MlGan.Evaluation.FeatureExtractors;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class FidReferenceTests
{
    private static float[][] Rows(int n, int d, int seed, float shift)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() * 2 - 1) + shift).ToArray()).ToArray();
    }

    [TestMethod]
    public void ScoreEqualsTheFrechetDistanceOfTheFeaturesAgainstTheCachedStatistics()
    {
        var real = Rows(400, 3, 1, 0);
        var fake = Rows(300, 3, 2, 0.5f);
        var reference = FidReference.FromSamples(new IdentityFeatureExtractor(), real);
        Assert.AreEqual(FrechetDistance.Compute(fake, real), reference.Score(fake), 1e-9);
        // Means shifted by 0.5 in 3 coordinates: FID ≥ ‖Δμ‖² up to sampling noise.
        Assert.AreEqual(0.75, reference.Score(fake), 0.15);
        Assert.AreEqual(400L, reference.Real.Count);
    }

    [TestMethod]
    public void FewerThanTwoSamplesAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => FidReference.FromSamples(new IdentityFeatureExtractor(), Rows(1, 3, 1, 0)));
        var reference = FidReference.FromSamples(new IdentityFeatureExtractor(), Rows(10, 3, 1, 0));
        Assert.ThrowsExactly<ArgumentException>(() => reference.Score(Rows(1, 3, 2, 0)));
    }
}
