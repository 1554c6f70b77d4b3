using static MlGan.Evaluation.Tests.Statistics.StatisticsTestSupport;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests.Statistics;

[TestClass]
public sealed class FeatureStatisticsMergeTests
{
    public TestContext TestContext { get; set; } = null!;

    private static StatisticsProvenance Shard(int k, int of, string source = "folder") => new()
    {
        Extractor = "net.onnx",
        ExtractorSha256 = new string('c', 64),
        Preprocessing = "resize=bilinear-32",
        InputShape = [3, 32, 32],
        FeatureDimension = 8,
        Source = source,
        Shard = $"{k}/{of}",
    };

    [TestMethod]
    public void ThreeUnevenShards_MergeToTheStatisticsOfAllRows()
    {
        var x = CorrelatedGaussian(260, 8, seed: 21, shift: 7);
        var parts = new[] { (0, 31), (31, 229), (229, 260) }
            .Select((range, i) => FeatureStatistics.FromFeatures(x[range.Item1..range.Item2]).WithProvenance(Shard(i + 1, 3)))
            .ToArray();
        var merged = FeatureStatistics.Merge(parts);
        var direct = FeatureStatistics.FromFeatures(x);
        Assert.AreEqual(260L, merged.Count);
        AssertClose(direct.Mean, merged.Mean, 1e-12, "μ");
        AssertClose(direct.Covariance, merged.Covariance, 1e-12, "Σ");
        Assert.AreEqual(Shard(1, 3) with { Count = 260, Shard = null }, merged.Provenance);

        // Saved shards merge the same after a round trip through both formats.
        string a = TempPath(TestContext, "a.fstats"), b = TempPath(TestContext, "b.npz"), c = TempPath(TestContext, "c.fstats");
        parts[0].Save(a);
        parts[1].SaveNpz(b);
        parts[2].Save(c);
        var reloaded = FeatureStatistics.Merge([FeatureStatistics.Load(a), FeatureStatistics.Load(b), FeatureStatistics.Load(c)]);
        CollectionAssert.AreEqual(merged.Covariance, reloaded.Covariance);
        Assert.AreEqual(merged.Provenance, reloaded.Provenance);
    }

    [TestMethod]
    public void MergedProvenance_JoinsDistinctSources_AndPartsWithoutProvenanceMergeToNone()
    {
        var x = CorrelatedGaussian(40, 8, seed: 2);
        var merged = FeatureStatistics.Merge([
            FeatureStatistics.FromFeatures(x[..20]).WithProvenance(Shard(1, 2, "train")),
            FeatureStatistics.FromFeatures(x[20..]).WithProvenance(Shard(2, 2, "test")),
        ]);
        Assert.AreEqual("train; test", merged.Provenance!.Source);
        Assert.IsNull(FeatureStatistics.Merge([FeatureStatistics.FromFeatures(x[..20]), FeatureStatistics.FromFeatures(x[20..])]).Provenance);
    }

    [TestMethod]
    public void IncompatibleParts_AreRefusedWithEveryReason()
    {
        var x = CorrelatedGaussian(30, 8, seed: 3);
        var first = FeatureStatistics.FromFeatures(x[..15]).WithProvenance(Shard(1, 2));
        var other = FeatureStatistics.FromFeatures(x[15..]).WithProvenance(Shard(2, 2) with { Preprocessing = "resize=nearest-32", InputShape = [3, 64, 64] });
        var ex = Assert.ThrowsExactly<ArgumentException>(() => FeatureStatistics.Merge([first, other]));
        StringAssert.Contains(ex.Message, "preprocessing");
        StringAssert.Contains(ex.Message, "[3, 64, 64]");
        StringAssert.Contains(ex.Message, "parts[1]");

        var narrow = FeatureStatistics.FromFeatures(CorrelatedGaussian(10, 5, seed: 4));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => FeatureStatistics.Merge([FeatureStatistics.FromFeatures(x), narrow])).Message, "5 features");

        var unknownCount = new FeatureStatistics(first.Mean, first.Covariance, FeatureStatistics.UnknownCount);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => FeatureStatistics.Merge([FeatureStatistics.FromFeatures(x), unknownCount])).Message, "no sample count");

        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => FeatureStatistics.Merge([first, FeatureStatistics.FromFeatures(x)])).Message, "no provenance");
        Assert.ThrowsExactly<ArgumentException>(() => FeatureStatistics.Merge([]));
    }
}
