using Microsoft.ML;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class GanEvaluatorProvenanceTests
{
    [TestMethod]
    public void ManifoldMetrics_ThroughTheDataViewRoute_MatchTheDirectComputations()
    {
        var ml = new MLContext(seed: 1);
        var realRows = TestData.StandardNormal(120, 3, seed: 1);
        var fakeRows = TestData.StandardNormal(90, 3, seed: 2, shift: 0.5);
        var real = VectorDataView.FromRows(ml, realRows, "Features", 3);
        var fake = VectorDataView.FromRows(ml, fakeRows, "Generated", 3);
        var options = new GanEvaluationOptions
        {
            Metrics = [new PrecisionRecallMetric(k: 4), new DensityCoverageMetric(k: 2)],
        };

        var m = ml.Gan().Evaluate(real, fake, options);

        var pr = PrecisionRecall.Compute(realRows, fakeRows, 4);
        var dc = DensityCoverage.Compute(realRows, fakeRows, 2);
        Assert.AreEqual(pr.Precision, m.Precision);
        Assert.AreEqual(pr.Recall, m.Recall);
        Assert.AreEqual(dc.Density, m.Density);
        Assert.AreEqual(dc.Coverage, m.Coverage);
        Assert.AreNotEqual(PrecisionRecall.Compute(realRows, fakeRows).Precision, m.Precision, "k = 4 must reach the metric");
        Assert.IsNull(m.Fid);
        Assert.IsNull(m.Kid);
        CollectionAssert.AreEqual(new[] { "precision", "recall", "density", "coverage" }, m.ToDataFrame()["metric"].Cast<string>().ToArray());

        CollectionAssert.AreEqual(new[] { "precision_recall", "density_coverage" }, m.Provenance.Keys.ToArray());
        foreach (var (name, k) in new[] { ("precision_recall", 4), ("density_coverage", 2) })
        {
            var p = m.Provenance[name];
            Assert.AreEqual("identity", p.Extractor);
            Assert.IsNull(p.ExtractorSha256);
            Assert.AreEqual("none", p.Preprocessing);
            Assert.AreEqual((120, 90, 3), (p.RealCount, p.FakeCount, p.FeatureDimension));
            Assert.IsNull(p.Seed);
            CollectionAssert.AreEquivalent(new[] { "k" }, p.Parameters.Keys.ToArray());
            Assert.AreEqual(k, p.Parameters["k"]);
            Assert.AreEqual(0, p.Warnings.Count);
        }
    }

    [TestMethod]
    public void NullMetrics_DoNotImplyTheManifoldMetrics()
    {
        var realRows = TestData.StandardNormal(60, 2, seed: 3);
        var fakeRows = TestData.StandardNormal(60, 2, seed: 4);
        var m = GanEvaluator.Evaluate(realRows, fakeRows);
        Assert.IsNotNull(m.Fid);
        Assert.IsNull(m.Precision);
        Assert.IsNull(m.Recall);
        Assert.IsNull(m.Density);
        Assert.IsNull(m.Coverage);
        CollectionAssert.AreEqual(new[] { "fid", "kid" }, m.Provenance.Keys.ToArray());
        var context = new GanMetricContext(GanMetricSide.FromSamples(realRows), GanMetricSide.FromSamples(fakeRows));
        CollectionAssert.AreEqual(new[] { "fid", "kid" }, GanMetricRegistry.Select(null, context.Available).Select(x => x.Key).ToArray());
    }

    [TestMethod]
    public void BadNeighbourCounts_AreRejected()
    {
        var rows = TestData.StandardNormal(10, 2, seed: 5);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PrecisionRecallMetric(k: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DensityCoverageMetric(k: -2));
        // A k the sample counts cannot support names the set.
        var ex = Assert.ThrowsExactly<ArgumentException>(() => GanEvaluator.Evaluate(rows, rows[..5],
            new GanEvaluationOptions { Metrics = [new DensityCoverageMetric()] }));
        StringAssert.Contains(ex.Message, "k = 5");
    }

    [TestMethod]
    public void FidAndKid_RecordTheRoute_TheSubsets_AndWarnWhenNIsBelowD()
    {
        // Features are 16-dimensional (the extractor repeats each of 4 values 4 times); warnings go by N < d, which
        // holds for the 10 real samples and not for the 40 generated ones.
        var extractor = new Repeat4();
        var realRows = TestData.StandardNormal(10, 4, seed: 6);
        var fakeRows = TestData.StandardNormal(40, 4, seed: 7, shift: 0.2);
        var options = new GanEvaluationOptions
        {
            FeatureExtractor = extractor,
            Metrics = [new FidMetric(), new KidMetric(subsets: 7, subsetSize: 25), new InceptionScoreMetric(splits: 4)],
            Seed = 11,
        };

        var m = GanEvaluator.Evaluate(realRows, fakeRows, options);

        CollectionAssert.AreEqual(new[] { "fid", "is", "kid" }, m.Provenance.Keys.ToArray());
        var realFeatures = extractor.ExtractFeatures(realRows);
        var fakeFeatures = extractor.ExtractFeatures(fakeRows);
        var expectedFid = FrechetDistance.ComputeDetailed(realFeatures, fakeFeatures);
        Assert.AreEqual(expectedFid.Value, m.Fid);
        var fid = m.Provenance["fid"];
        Assert.AreEqual(("repeat4", "00ff", "repeat each value 4 times"), (fid.Extractor, fid.ExtractorSha256, fid.Preprocessing));
        Assert.AreEqual((10, 40, 16), (fid.RealCount, fid.FakeCount, fid.FeatureDimension));
        Assert.IsNull(fid.Seed);
        Assert.AreEqual(expectedFid.SqrtRoute, fid.Parameters["sqrt_route"]);
        Assert.AreEqual(expectedFid.SmallestEigenvalue, fid.Parameters["smallest_eigenvalue"]);
        Assert.AreEqual(expectedFid.ClippedNegativeMass, fid.Parameters["clipped_negative_mass"]);
        Assert.AreEqual(1, fid.Warnings.Count);
        StringAssert.Contains(fid.Warnings[0], "FID with real N = 10 < d = 16 features");
        StringAssert.Contains(fid.Warnings[0], "not comparable with published numbers");

        var kid = m.Provenance["kid"];
        Assert.AreEqual(11, kid.Seed);
        Assert.AreEqual(7, kid.Parameters["subsets"]);
        Assert.AreEqual(10, kid.Parameters["subset_size"]); // 25 requested, capped by the 10 real samples
        Assert.AreEqual(1, kid.Warnings.Count);
        StringAssert.Contains(kid.Warnings[0], "KID with real N = 10 < d = 16 features");

        var inception = m.Provenance["is"];
        Assert.AreEqual((0, 40, 2), (inception.RealCount, inception.FakeCount, inception.FeatureDimension));
        Assert.AreEqual(4, inception.Parameters["splits"]);
        Assert.AreEqual("logits", inception.Parameters["class_scores"]);

        // Both sides below d: one warning each; above d: none.
        var bothFew = GanEvaluator.Evaluate(realRows, fakeRows[..12], new GanEvaluationOptions { FeatureExtractor = extractor, Metrics = [new FidMetric()] });
        Assert.AreEqual(2, bothFew.Provenance["fid"].Warnings.Count);
        StringAssert.Contains(bothFew.Provenance["fid"].Warnings[1], "generated N = 12 < d = 16");
        var enough = GanEvaluator.Evaluate(TestData.StandardNormal(20, 4, seed: 8), fakeRows, new GanEvaluationOptions { Metrics = [new FidMetric()] });
        Assert.AreEqual(0, enough.Provenance["fid"].Warnings.Count);
        Assert.AreEqual(FrechetDistanceResult.CholeskyRoute, enough.Provenance["fid"].Parameters["sqrt_route"]);
    }

    [TestMethod]
    public void RawSampleMetrics_RecordTheirSettings()
    {
        var ring = GaussianMixture.Ring(4, 1, 0.1);
        var realRows = ring.Sample(80, new SeededRandom(1));
        var fakeRows = ring.Sample(60, new SeededRandom(2));
        var nnd = new NeuralNetDivergenceOptions { Steps = 20, Width = 8 };
        var m = GanEvaluator.Evaluate(realRows, fakeRows, new GanEvaluationOptions
        {
            Metrics = [new MixtureModesMetric(), new NeuralNetDivergenceMetric(nnd)],
            MixtureTarget = ring,
        }, seed: 13);

        CollectionAssert.AreEqual(new[] { "nnd", "modes" }, m.Provenance.Keys.ToArray());
        var n = m.Provenance["nnd"];
        Assert.AreEqual(("identity", 80, 60, 2, 13), (n.Extractor, n.RealCount, n.FakeCount, n.FeatureDimension, n.Seed));
        Assert.AreEqual(20, n.Parameters["steps"]);
        Assert.AreEqual(8, n.Parameters["width"]);
        Assert.AreEqual("mlp", n.Parameters["critic"]);
        var modes = m.Provenance["modes"];
        Assert.AreEqual((0, 60, 2), (modes.RealCount, modes.FakeCount, modes.FeatureDimension));
        Assert.AreEqual(4, modes.Parameters["mode_count"]);
        Assert.AreEqual(MixtureMetrics.DefaultStdMultiplier, modes.Parameters["std_multiplier"]);
    }

    /// <summary>Test extractor with a model hash and a preprocessing note: features repeat each value 4 times; logits are the first two values.</summary>
    private sealed class Repeat4 : IFeatureExtractor
    {
        public string Name => "repeat4";
        public ClassScoreKind ClassScores => ClassScoreKind.Logits;
        public string? Sha256 => "00ff";
        public string Preprocessing => "repeat each value 4 times";
        public FeatureExtraction Extract(IReadOnlyList<float[]> samples) => new(
            samples.Select(r => r.SelectMany(v => new[] { v, v, v, v }).ToArray()).ToArray(),
            samples.Select(r => new[] { r[0], r[1] }).ToArray(),
            ClassScoreKind.Logits);
    }
}
