namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class DensityCoverageTests
{
    private static void AssertMatchesBruteForce(float[][] real, float[][] fake, int k, string what)
    {
        var (pairs, covered) = ManifoldReference.DensityCoverageCounts(real, fake, k);
        foreach (long tile in PrecisionRecallTests.TileSizes)
        {
            var dc = DensityCoverage.Compute(real, fake, k, tile);
            Assert.AreEqual(pairs / ((double)k * fake.Length), dc.Density, $"{what}, k = {k}, tile = {tile}: density");
            Assert.AreEqual((double)covered / real.Length, dc.Coverage, $"{what}, k = {k}, tile = {tile}: coverage");
        }
    }

    [TestMethod]
    public void GaussianSets_MatchBruteForceCounts_ForEveryTileSize()
    {
        var real = TestData.StandardNormal(30, 4, seed: 7);
        var fake = TestData.StandardNormal(24, 4, seed: 8, shift: 0.7);
        foreach (int k in new[] { 1, 5, 9 }) AssertMatchesBruteForce(real, fake, k, "Gaussian");
        var (pairs, covered) = ManifoldReference.DensityCoverageCounts(real, fake, 5);
        Assert.IsTrue(pairs > 0 && covered > 0 && covered < real.Length, $"pairs {pairs}, covered {covered}/{real.Length}");
    }

    [TestMethod]
    public void LatticeSetsWithDuplicatesAndTies_MatchBruteForceCounts()
    {
        var real = PrecisionRecallTests.Lattice(24, 2, 3, seed: 9);
        var fake = PrecisionRecallTests.Lattice(18, 2, 4, seed: 10);
        foreach (int k in new[] { 1, 2, 3, 5 }) AssertMatchesBruteForce(real, fake, k, "lattice");
    }

    [TestMethod]
    public void HandComputedLine()
    {
        // Real 0, 1, 3, 6 (k = 1 radii 1, 1, 2, 3); fake 2, 3.5, 10, 11; membership is strict.
        // Density: 2 lies in the ball of 3 only (it is exactly 1 from 1: on the boundary, outside); 3.5 in those of
        // 3 and 6; 10 and 11 in none: 3 / (1·4). Coverage: 3 and 6 hold a fake; 1 does not (its nearest fake is on
        // its boundary) and neither does 0: 2/4.
        float[][] real = [[0], [1], [3], [6]], fake = [[2], [3.5f], [10], [11]];
        foreach (long tile in PrecisionRecallTests.TileSizes.Prepend(1))
        {
            Assert.AreEqual(new DensityCoverageResult(0.75, 0.5), DensityCoverage.Compute(real, fake, 1, tile), $"k = 1, tile = {tile}");
            // k = 2 (radii 3, 2, 3, 5): 2 lies in all four balls, 3.5 in those of 3 and 6, 10 in that of 6, 11 on its
            // boundary: 7 / (2·4). Every real ball holds a fake.
            Assert.AreEqual(new DensityCoverageResult(0.875, 1), DensityCoverage.Compute(real, fake, 2, tile), $"k = 2, tile = {tile}");
        }
    }

    [TestMethod]
    public void IdenticalSets_FullCoverage_FarApartSets_Score0()
    {
        var real = TestData.StandardNormal(50, 6, seed: 11);
        var copy = real.Select(r => (float[])r.Clone()).ToArray();
        var same = DensityCoverage.Compute(real, copy);
        Assert.AreEqual(1.0, same.Coverage);
        // Each copy lies at the centre of its own ball, and also in at most all N: 1/k ≤ density ≤ N/k.
        Assert.IsTrue(same.Density >= 1.0 / 5 && same.Density <= 50.0 / 5, $"density {same.Density}");
        Assert.AreEqual(new DensityCoverageResult(0, 0), DensityCoverage.Compute(real, TestData.StandardNormal(45, 6, seed: 12, shift: 1000)));
    }

    [TestMethod]
    public void RadiusZeroBalls_HoldNothing()
    {
        // k = 2. (0, 0) appears three times, so its radius is 0 and, membership being strict, a fake at (0, 0) is
        // outside its ball; it is also exactly on the boundary of (1, 1)'s ball (radius² 2), so outside that too.
        // The fake at (0.5, 0.5) lies in (1, 1)'s ball only ((2, 2): radius² 2, d² 4.5; (3, 3): radius² 8, d² 12.5).
        float[][] real = [[0, 0], [0, 0], [0, 0], [1, 1], [2, 2], [3, 3]];
        float[][] fake = [[0, 0], [0, 0], [0.5f, 0.5f]];
        var dc = DensityCoverage.Compute(real, fake, 2);
        Assert.AreEqual(new DensityCoverageResult(1.0 / (2 * 3), 1.0 / 6), dc);
        var (pairs, covered) = ManifoldReference.DensityCoverageCounts(real, fake, 2);
        Assert.AreEqual((1L, 1), (pairs, covered));
        // Precision's membership is inclusive: there a fake on a radius-0 ball's centre is inside.
        Assert.AreEqual(1.0, PrecisionRecall.Compute(real, fake, 2).Precision);
    }

    [TestMethod]
    public void BadInput_IsAnArgumentError_NamingTheSet()
    {
        var real = TestData.StandardNormal(10, 3, seed: 1);
        var fake = TestData.StandardNormal(10, 3, seed: 2);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DensityCoverage.Compute(real, fake, -1));
        var ex = Assert.ThrowsExactly<ArgumentException>(() => DensityCoverage.Compute(real[..5], fake));
        Assert.AreEqual("real", ex.ParamName);
        StringAssert.Contains(ex.Message, "k = 5");
        Assert.AreEqual("fake", Assert.ThrowsExactly<ArgumentException>(() => DensityCoverage.Compute(real, fake[..5])).ParamName);
    }
}
