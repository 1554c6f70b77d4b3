using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests.Metrics;

[TestClass]
public sealed class GanMetricContextTests
{
    [TestMethod]
    public void StatisticsAlone_ServeFid_AndNothingThatNeedsRows()
    {
        var realRows = TestData.CorrelatedGaussian(60, 4, seed: 1);
        var fakeRows = TestData.CorrelatedGaussian(50, 4, seed: 2, shift: 0.5);
        var context = new GanMetricContext(new GanMetricSide(statistics: FeatureStatistics.FromFeatures(realRows)),
            new GanMetricSide(statistics: FeatureStatistics.FromFeatures(fakeRows)));

        Assert.AreEqual(GanMetricInputs.FeatureStatistics, context.Available);
        var m = GanEvaluator.Evaluate(context);

        CollectionAssert.AreEqual(new[] { "fid" }, m.Values.Keys.ToArray());
        Assert.AreEqual(TestData.ReferenceFid(realRows, fakeRows), m.Fid!.Value, 1e-9);
        var p = m.Provenance["fid"];
        Assert.AreEqual(("unknown", 60, 50, 4), (p.Extractor, p.RealCount, p.FakeCount, p.FeatureDimension));
        var ex = Assert.ThrowsExactly<ArgumentException>(() => GanEvaluator.Evaluate(context, [new KidMetric()]));
        StringAssert.Contains(ex.Message, "'kid' needs the feature vectors");
    }

    [TestMethod]
    public void StatisticsOfUnknownCount_RecordNoCount_AndNoSmallSampleWarning()
    {
        var rows = TestData.StandardNormal(3, 5, seed: 3); // N = 3 < d = 5, but the reference side does not say so
        var known = FeatureStatistics.FromFeatures(rows);
        var unknown = new FeatureStatistics(known.Mean, known.Covariance, FeatureStatistics.UnknownCount);
        var context = new GanMetricContext(new GanMetricSide(statistics: unknown), GanMetricSide.FromSamples(TestData.StandardNormal(8, 5, seed: 4)));

        var p = GanEvaluator.Evaluate(context, [new FidMetric()]).Provenance["fid"];

        Assert.IsNull(p.RealCount);
        Assert.AreEqual(8, p.FakeCount);
        Assert.AreEqual(0, p.Warnings.Count);
        Assert.AreEqual("identity", p.Extractor); // the generated side's origin
    }

    [TestMethod]
    public void SamplesExtractOnFirstUse_OncePerSide()
    {
        var ring = GaussianMixture.Ring(4, 1, 0.1);
        var extractor = new CountingExtractor();
        var context = new GanMetricContext(GanMetricSide.FromSamples(ring.Sample(30, new SeededRandom(1)), extractor),
            GanMetricSide.FromSamples(ring.Sample(30, new SeededRandom(2)), extractor), mixtureTarget: ring);

        GanEvaluator.Evaluate(context, [new MixtureModesMetric()]);
        Assert.AreEqual(0, extractor.Calls, "metrics of raw samples do not run the feature net");
        GanEvaluator.Evaluate(context, [new FidMetric(), new KidMetric(subsets: 3, subsetSize: 10), new PrecisionRecallMetric()]);
        Assert.AreEqual(2, extractor.Calls);
    }

    [TestMethod]
    public void BadSidesAndResults_AreRefused()
    {
        Assert.AreEqual(GanMetricInputs.None, new GanMetricContext(new GanMetricSide(), new GanMetricSide()).Available);
        var stats = FeatureStatistics.FromFeatures(TestData.StandardNormal(5, 3, seed: 5));
        var extraction = new FeatureExtraction(TestData.StandardNormal(5, 2, seed: 6), null, ClassScoreKind.None);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new GanMetricSide(statistics: stats, extraction: extraction)).Message, "2-dimensional");

        var rows = TestData.StandardNormal(5, 2, seed: 7);
        var context = new GanMetricContext(GanMetricSide.FromSamples(rows), GanMetricSide.FromSamples(rows));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => GanEvaluator.Evaluate(context, [new Undeclared()])).Message, "'other'");
    }

    /// <summary>The identity, counting its calls.</summary>
    private sealed class CountingExtractor : IFeatureExtractor
    {
        public int Calls { get; private set; }
        public string Name => "counting";
        public ClassScoreKind ClassScores => ClassScoreKind.None;
        public FeatureExtraction Extract(IReadOnlyList<float[]> samples)
        {
            Calls++;
            return new IdentityFeatureExtractor().Extract(samples);
        }
    }

    /// <summary>Returns a value it does not declare.</summary>
    private sealed class Undeclared() : GanMetric("undeclared", ["declared"], GanMetricInputs.None)
    {
        public override GanMetricResult Compute(GanMetricContext context) => new() { Values = [("other", 1)] };
    }
}
