using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Streaming;

namespace MlGan.Evaluation.Tests.Streaming;

[TestClass]
public sealed class FeatureStreamTests
{
    private static float[][] Rows(int n, int d, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Select(j => (float)(rng.NextDouble() * 3 + j + 0.01 * i)).ToArray()).ToArray();
    }

    [TestMethod]
    public void Streamed_Statistics_EqualOnePass_AndKeptFeaturesKeepInputOrder()
    {
        var rows = Rows(1003, 7, seed: 1);
        var options = new FeatureStreamOptions { BatchSize = 10, KeepFeatures = true, LoadThreads = 4, Prefetch = 3 };
        var result = FeatureStream.Run(new RowSampleSource(rows, "rows"), new IdentityFeatureExtractor(), options);

        var expected = FeatureStatistics.FromFeatures(rows);
        var actual = result.Moments.ToStatistics();
        Assert.AreEqual(1003L, result.Count);
        for (int i = 0; i < 7; i++) Assert.AreEqual(expected.Mean[i], actual.Mean[i], 1e-12 * Math.Abs(expected.Mean[i]));
        var (ce, ca) = (expected.Covariance, actual.Covariance);
        for (int i = 0; i < ce.Length; i++) Assert.AreEqual(ce[i], ca[i], 1e-10 * (1 + Math.Abs(ce[i])));
        Assert.AreEqual(rows.Length, result.Features!.Length);
        for (int i = 0; i < rows.Length; i++) CollectionAssert.AreEqual(rows[i], result.Features[i], $"row {i}");
        Assert.AreEqual(0, result.Skipped.Count);
    }

    [TestMethod]
    public void Without_KeepFeatures_NoRowsAreHeld()
    {
        var result = FeatureStream.Run(new RowSampleSource(Rows(50, 3, 2), "rows"), new IdentityFeatureExtractor());
        Assert.IsNull(result.Features);
        Assert.AreEqual(50L, result.Count);
    }

    [TestMethod]
    public void BadSamples_StopWithTheLoadersMessage_OrAreSkippedAndNamed()
    {
        var source = new FailingSource(Rows(40, 3, 3), bad: [5, 17, 33]);
        var error = Assert.ThrowsExactly<InvalidDataException>(() =>
            FeatureStream.Run(source, new IdentityFeatureExtractor(), new FeatureStreamOptions { BatchSize = 8 }));
        StringAssert.Contains(error.Message, "cannot decode");

        var skipped = FeatureStream.Run(source, new IdentityFeatureExtractor(), new FeatureStreamOptions { BatchSize = 8, SkipBad = true, KeepFeatures = true });
        CollectionAssert.AreEqual(new[] { "item 5", "item 17", "item 33" }, skipped.Skipped.ToArray());
        Assert.AreEqual(37L, skipped.Count);
        var kept = Enumerable.Range(0, 40).Except([5, 17, 33]).Select(i => source.Rows[i]).ToArray();
        for (int i = 0; i < kept.Length; i++) CollectionAssert.AreEqual(kept[i], skipped.Features![i]);
    }

    [TestMethod]
    public void Progress_IsReportedUpToTheCount_AndBadOptionsAreRejected()
    {
        var seen = new List<long>();
        FeatureStream.Run(new RowSampleSource(Rows(25, 2, 4), "rows"), new IdentityFeatureExtractor(),
            new FeatureStreamOptions { BatchSize = 4 }, new SyncProgress(seen));
        Assert.AreEqual(25L, seen[^1]);
        CollectionAssert.AreEqual(seen.OrderBy(v => v).ToArray(), seen.ToArray());

        var source = new RowSampleSource(Rows(3, 2, 5), "rows");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FeatureStream.Run(source, new IdentityFeatureExtractor(), new FeatureStreamOptions { BatchSize = 0 }));
        Assert.ThrowsExactly<ArgumentException>(() => FeatureStream.Run(new RowSampleSource([], "empty"), new IdentityFeatureExtractor()));
    }

    private sealed class SyncProgress(List<long> seen) : IProgress<long>
    {
        public void Report(long value) => seen.Add(value);
    }

    private sealed class FailingSource(float[][] rows, int[] bad) : ISampleSource
    {
        public float[][] Rows => rows;
        public int Count => rows.Length;
        public string Description => "failing";
        public string NameOf(int index) => $"item {index}";
        public float[] Load(int index) => bad.Contains(index) ? throw new InvalidDataException($"'item {index}': cannot decode image.") : rows[index];
    }
}
