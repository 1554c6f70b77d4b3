using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class PrecisionRecallTests
{
    // 1×1 tiles are exercised on the small hand cases and in NearestNeighbourBallsTests; 2 and 7 leave ragged edges.
    internal static readonly long[] TileSizes = [2, 7, 100, NearestNeighbourBalls.DefaultTileElements];

    /// <summary>n points with integer coordinates in [0, max]: exact distances, many ties and duplicates.</summary>
    internal static float[][] Lattice(int n, int d, int max, int seed)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => (float)random.Next(max + 1)).ToArray()).ToArray();
    }

    private static void AssertMatchesBruteForce(float[][] real, float[][] fake, int k, string what)
    {
        var (fakesInReal, realsInFake) = ManifoldReference.PrecisionRecallCounts(real, fake, k);
        foreach (long tile in TileSizes)
        {
            var pr = PrecisionRecall.Compute(real, fake, k, tile);
            Assert.AreEqual((double)fakesInReal / fake.Length, pr.Precision, $"{what}, k = {k}, tile = {tile}: precision");
            Assert.AreEqual((double)realsInFake / real.Length, pr.Recall, $"{what}, k = {k}, tile = {tile}: recall");
        }
    }

    [TestMethod]
    public void GaussianSets_MatchBruteForceCounts_ForEveryTileSize()
    {
        var real = TestData.StandardNormal(30, 4, seed: 1);
        var fake = TestData.StandardNormal(24, 4, seed: 2, shift: 0.7);
        foreach (int k in new[] { 1, 3, 7 }) AssertMatchesBruteForce(real, fake, k, "Gaussian");
        // The shift must leave something to count, or the comparison above proves little.
        var (p, r) = ManifoldReference.PrecisionRecallCounts(real, fake, 3);
        Assert.IsTrue(p > 0 && p < fake.Length && r > 0 && r < real.Length, $"counts {p}/{fake.Length}, {r}/{real.Length}");
    }

    [TestMethod]
    public void LatticeSetsWithDuplicatesAndTies_MatchBruteForceCounts()
    {
        var real = Lattice(24, 2, 3, seed: 3);
        var fake = Lattice(18, 2, 4, seed: 4);
        Assert.IsLessThan(real.Length, real.Select(r => string.Join(",", r)).Distinct().Count(), "the lattice set should hold duplicates");
        foreach (int k in new[] { 1, 2, 3, 5 }) AssertMatchesBruteForce(real, fake, k, "lattice");
    }

    [TestMethod]
    public void HandComputedLine()
    {
        // Real 0, 1, 3, 6; fake 2, 3.5, 10, 11. k = 1: real radii 1, 1, 2, 3; fake radii 1.5, 1.5, 1, 1.
        // Precision: 2 (|2 − 1| = 1 ≤ 1, a tie that counts) and 3.5 are inside, 10 and 11 not: 1/2.
        // Recall: 1 and 3 lie within 1.5 of the fake 2; 0 (2 from it) and 6 (2.5 from 3.5, 4 from 10) do not: 1/2.
        float[][] real = [[0], [1], [3], [6]], fake = [[2], [3.5f], [10], [11]];
        foreach (long tile in TileSizes.Prepend(1))
        {
            Assert.AreEqual(new PrecisionRecallResult(0.5, 0.5), PrecisionRecall.Compute(real, fake, 1, tile), $"k = 1, tile = {tile}");
            // k = 2: real radii 3, 2, 3, 5 hold every fake (11 is 5 from 6: a tie); fake radii 8, 6.5, 6.5, 7.5 hold every real.
            Assert.AreEqual(new PrecisionRecallResult(1, 1), PrecisionRecall.Compute(real, fake, 2, tile), $"k = 2, tile = {tile}");
        }
    }

    [TestMethod]
    public void IdenticalSets_ArePerfect_FarApartSets_Score0()
    {
        var real = TestData.StandardNormal(50, 6, seed: 5);
        var copy = real.Select(r => (float[])r.Clone()).ToArray();
        Assert.AreEqual(new PrecisionRecallResult(1, 1), PrecisionRecall.Compute(real, copy));
        var far = TestData.StandardNormal(45, 6, seed: 6, shift: 1000);
        Assert.AreEqual(new PrecisionRecallResult(0, 0), PrecisionRecall.Compute(real, far));
    }

    [TestMethod]
    public void BadInput_IsAnArgumentError_NamingTheSet()
    {
        var real = TestData.StandardNormal(10, 3, seed: 1);
        var fake = TestData.StandardNormal(10, 3, seed: 2);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrecisionRecall.Compute(real, fake, 0));
        var ex = Assert.ThrowsExactly<ArgumentException>(() => PrecisionRecall.Compute(real, fake[..3], 3));
        Assert.AreEqual("fake", ex.ParamName);
        StringAssert.Contains(ex.Message, "k = 3");
        Assert.AreEqual("real", Assert.ThrowsExactly<ArgumentException>(() => PrecisionRecall.Compute(real[..3], fake, 3)).ParamName);
        Assert.ThrowsExactly<ArgumentException>(() => PrecisionRecall.Compute(real, TestData.StandardNormal(10, 4, seed: 2)));
        var nan = TestData.StandardNormal(10, 3, seed: 3);
        nan[4][1] = float.NaN;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => PrecisionRecall.Compute(real, nan)).Message, "fake[4][1]");
        Assert.ThrowsExactly<ArgumentNullException>(() => PrecisionRecall.Compute(null!, fake));
    }
}
