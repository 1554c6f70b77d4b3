using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class MixtureMetricsTests
{
    // Four modes at (±1, 0), (0, ±1) with σ = 0.1: high quality means within 0.3 of the nearest mean.
    private static readonly GaussianMixture Plus = new([[1, 0], [-1, 0], [0, 1], [0, -1]], 0.1);

    private static float[][] HandBuilt()
    {
        var rows = new List<float[]>();
        rows.AddRange(Enumerable.Repeat(new[] { 1f, 0f }, 10));          // mode 0, exactly on the mean
        rows.AddRange(Enumerable.Repeat(new[] { -1.1f, 0.1f }, 5));       // mode 1, 0.14 away
        rows.AddRange(Enumerable.Repeat(new[] { 0f, 1.29f }, 2));         // mode 2, 0.29 away: inside 3σ
        rows.Add([0f, -1.31f]);                                           // mode 3, 0.31 away: outside
        rows.AddRange(Enumerable.Repeat(new[] { 0f, 0f }, 3));            // 1.0 from every mode
        return rows.ToArray();
    }

    [TestMethod]
    public void HandBuiltSamples_CountsRateCoverageAndKl()
    {
        var m = MixtureMetrics.Compute(HandBuilt(), Plus);
        CollectionAssert.AreEqual(new[] { 10, 5, 2, 0 }, m.HighQualityCounts.ToArray());
        Assert.AreEqual(21, m.SampleCount);
        Assert.AreEqual(17.0 / 21, m.HighQualityRate, 1e-12);
        Assert.AreEqual(3, m.ModesCovered); // threshold max(1, ⌈0.01·21·¼⌉) = 1
        Assert.AreEqual(4, m.ModeCount);
        double expectedKl = new[] { 10, 5, 2 }.Sum(c => c / 17.0 * Math.Log(4 * c / 17.0));
        Assert.AreEqual(expectedKl, m.ModeKlFromUniform!.Value, 1e-12);
    }

    [TestMethod]
    public void CoverageFractionAndStdMultiplier_ChangeTheRules()
    {
        // Threshold ⌈0.5·21·¼⌉ = 3: the mode with 2 high-quality samples no longer counts.
        Assert.AreEqual(2, MixtureMetrics.Compute(HandBuilt(), Plus, coverageFraction: 0.5).ModesCovered);
        // k = 3.2 admits the 0.31-away sample: mode 3 gets one.
        var wide = MixtureMetrics.Compute(HandBuilt(), Plus, stdMultiplier: 3.2);
        CollectionAssert.AreEqual(new[] { 10, 5, 2, 1 }, wide.HighQualityCounts.ToArray());
        Assert.AreEqual(4, wide.ModesCovered);
    }

    [TestMethod]
    public void KlIsZeroForEvenAndLogKForCollapsed_NullWithoutHighQuality()
    {
        float[][] even = [[1, 0], [-1, 0], [0, 1], [0, -1]];
        Assert.AreEqual(0.0, MixtureMetrics.Compute(even, Plus).ModeKlFromUniform!.Value, 1e-15);
        float[][] collapsed = [[1, 0], [1.05f, 0], [0.95f, 0.05f]];
        var c = MixtureMetrics.Compute(collapsed, Plus);
        Assert.AreEqual(Math.Log(4), c.ModeKlFromUniform!.Value, 1e-12);
        Assert.AreEqual(1, c.ModesCovered);
        var none = MixtureMetrics.Compute([[5f, 5f]], Plus);
        Assert.IsNull(none.ModeKlFromUniform);
        Assert.AreEqual(0, none.ModesCovered);
        Assert.AreEqual(0.0, none.HighQualityRate);
    }

    [TestMethod]
    public void SamplesFromTheTarget_CoverAllModes_AtTheChiSquareRate()
    {
        // True 2-D samples fall within 3σ with probability 1 − e^{−9/2} = 0.98889.
        var ring = GaussianMixture.Ring(8, Math.Sqrt(2), 0.1);
        var m = MixtureMetrics.Compute(ring.Sample(20_000, new SeededRandom(3)), ring);
        Assert.AreEqual(8, m.ModesCovered);
        Assert.AreEqual(1 - Math.Exp(-4.5), m.HighQualityRate, 0.003);
        Assert.IsTrue(m.ModeKlFromUniform < 0.002, $"KL {m.ModeKlFromUniform}");
    }

    [TestMethod]
    public void BadInput_IsRejected()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => MixtureMetrics.Compute([[1f, 2f, 3f]], Plus)).Message, "2-dimensional");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => MixtureMetrics.Compute([[1f, float.NaN]], Plus)).Message, "samples[0][1] is NaN");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MixtureMetrics.Compute([[1f, 0f]], Plus, stdMultiplier: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MixtureMetrics.Compute([[1f, 0f]], Plus, coverageFraction: 2));
        Assert.ThrowsExactly<ArgumentNullException>(() => MixtureMetrics.Compute([[1f, 0f]], null!));
    }
}
