using MlGan.Evaluation.Metrics;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests.Statistics;

/// <summary>Zero and rank-deficient covariances are named, and FID's provenance warns about them.</summary>
[TestClass]
public sealed class CovarianceDiagnosisTests
{
    [TestMethod]
    public void HealthyStatistics_HaveNoDiagnosis()
    {
        Assert.IsNull(CovarianceDiagnosis.Describe(FeatureStatistics.FromFeatures(StandardNormal(50, 4, seed: 1))));
        // Σ of a pytorch-fid .npz (no count): only what Σ itself shows is checked.
        var s = FeatureStatistics.FromFeatures(StandardNormal(50, 4, seed: 1));
        Assert.IsNull(CovarianceDiagnosis.Describe(new FeatureStatistics(s.Mean, s.Covariance, FeatureStatistics.UnknownCount)));
    }

    [TestMethod]
    public void IdenticalRows_GiveAZeroCovariance()
    {
        var rows = Enumerable.Repeat(new[] { 1f, -2f, 3f }, 20).ToArray();
        Assert.AreEqual("covariance is zero: all 20 samples are identical", CovarianceDiagnosis.Describe(FeatureStatistics.FromFeatures(rows)));
    }

    [TestMethod]
    public void AConstantFeature_IsRankDeficient()
    {
        var rows = StandardNormal(40, 3, seed: 2).Select(r => new[] { r[0], 5f, r[2] }).ToArray();
        Assert.AreEqual("covariance is rank-deficient: 1 of 3 features are constant (zero variance)", CovarianceDiagnosis.Describe(FeatureStatistics.FromFeatures(rows)));
    }

    [TestMethod]
    [DataRow(4, 4)]
    [DataRow(3, 4)]
    public void NoMoreSamplesThanFeatures_IsRankDeficient(int n, int d)
    {
        string? why = CovarianceDiagnosis.Describe(FeatureStatistics.FromFeatures(StandardNormal(n, d, seed: 3)));
        string counts = n < d ? $"N = {n} < d = {d}" : $"N = d = {d}";
        Assert.AreEqual($"covariance is rank-deficient: {counts} (samples, features) gives rank ≤ N − 1 = {n - 1}", why);
        Assert.IsNull(CovarianceDiagnosis.DegenerateVariances(FeatureStatistics.FromFeatures(StandardNormal(n, d, seed: 3))));
    }

    [TestMethod]
    public void Fid_WarnsAboutAZeroCovarianceAndNEqualsD_ButSaysNLessThanDOnce()
    {
        var fid = new FidMetric();
        var healthy = GanMetricSide.FromSamples(StandardNormal(30, 3, seed: 4));
        var identical = GanMetricSide.FromSamples(Enumerable.Repeat(new[] { 0.5f, 0.5f, 0.5f }, 30).ToArray());
        var warnings = fid.Compute(new GanMetricContext(healthy, identical)).Warnings;
        Assert.HasCount(1, warnings);
        Assert.AreEqual("FID with generated statistics: the covariance is zero: all 30 samples are identical; the value is biased and not comparable with published numbers.", warnings[0]);

        var square = GanMetricSide.FromSamples(StandardNormal(3, 3, seed: 5));
        StringAssert.Contains(fid.Compute(new GanMetricContext(square, healthy)).Warnings.Single(), "FID with real statistics: the covariance is rank-deficient: N = d = 3");

        var few = GanMetricSide.FromSamples(StandardNormal(2, 3, seed: 6));
        StringAssert.StartsWith(fid.Compute(new GanMetricContext(few, healthy)).Warnings.Single(), "FID with real N = 2 < d = 3 features");
        Assert.IsEmpty(fid.Compute(new GanMetricContext(healthy, GanMetricSide.FromSamples(StandardNormal(30, 3, seed: 7)))).Warnings);
    }
}
