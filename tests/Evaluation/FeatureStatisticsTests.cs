using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class FeatureStatisticsTests
{
    public TestContext TestContext { get; set; } = null!;

    private string TempPath(string name) => Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");

    [TestMethod]
    public void Moments_MatchLoopReference()
    {
        var x = CorrelatedGaussian(120, 7, seed: 9, shift: 3);
        var stats = FeatureStatistics.FromFeatures(x);
        var (mean, cov) = Moments(x);
        Assert.AreEqual(120L, stats.Count);
        Assert.AreEqual(7, stats.Dimension);
        for (int i = 0; i < 7; i++) Assert.AreEqual(mean[i], stats.Mean[i], 1e-12 * (1 + Math.Abs(mean[i])));
        var flat = stats.Covariance;
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++) Assert.AreEqual(cov[i, j], flat[i * 7 + j], 1e-12 * (1 + Math.Abs(cov[i, j])));
    }

    [TestMethod]
    public void SaveLoad_RoundTripsBitExactly_AndGivesTheSameFid()
    {
        var x = CorrelatedGaussian(100, 12, seed: 1);
        var y = CorrelatedGaussian(100, 12, seed: 2);
        var stats = FeatureStatistics.FromFeatures(y);
        string path = TempPath("y.fstats");
        stats.Save(path);
        var loaded = FeatureStatistics.Load(path);
        Assert.AreEqual(stats.Count, loaded.Count);
        CollectionAssert.AreEqual(stats.Mean, loaded.Mean);
        CollectionAssert.AreEqual(stats.Covariance, loaded.Covariance);
        Assert.AreEqual(FrechetDistance.Compute(x, y), FrechetDistance.Compute(x, loaded));
        // Format version 2: header, empty provenance block (length 0), μ, Σ, SHA-256.
        Assert.AreEqual(24 + 4 + 8 * 12 + 8 * 144 + 32, new FileInfo(path).Length);
    }

    [TestMethod]
    public void CorruptFile_ThrowsInvalidDataNamingPath()
    {
        string path = TempPath("corrupt.fstats");
        FeatureStatistics.FromFeatures(CorrelatedGaussian(20, 4, seed: 1)).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 0x10; // a bit of μ
        File.WriteAllBytes(path, bytes);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path));
        StringAssert.Contains(ex.Message, path);
        StringAssert.Contains(ex.Message, "checksum");
    }

    [TestMethod]
    public void TruncatedFile_ThrowsInvalidDataNamingPath()
    {
        string path = TempPath("truncated.fstats");
        FeatureStatistics.FromFeatures(CorrelatedGaussian(20, 4, seed: 1)).Save(path);
        var bytes = File.ReadAllBytes(path);
        foreach (int length in new[] { bytes.Length - 1, 30, 10, 0 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), $"length {length}");
            StringAssert.Contains(ex.Message, path);
        }
    }

    [TestMethod]
    public void ForeignFileAndFutureVersion_AreRejected()
    {
        string path = TempPath("foreign.npy");
        File.WriteAllBytes(path, "\x93NUMPY\x01\x00 plenty of other bytes here"u8.ToArray());
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path)).Message, "magic");

        FeatureStatistics.FromFeatures(CorrelatedGaussian(20, 4, seed: 1)).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 99;
        File.WriteAllBytes(path, bytes);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path)).Message, "version 99");
    }

    [TestMethod]
    public void MissingFile_ThrowsFileNotFound()
    {
        string path = TempPath("absent.fstats");
        StringAssert.Contains(Assert.ThrowsExactly<FileNotFoundException>(() => FeatureStatistics.Load(path)).Message, path);
    }

    [TestMethod]
    public void Constructor_ValidatesShapeAndCount()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new FeatureStatistics([0, 0], [1, 0, 0], 10));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new FeatureStatistics([0], [1], 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new FeatureStatistics([double.NaN], [1], 5));
    }
}
