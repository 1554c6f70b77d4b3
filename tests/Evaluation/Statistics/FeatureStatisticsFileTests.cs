using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using static MlGan.Evaluation.Tests.Statistics.StatisticsTestSupport;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests.Statistics;

/// <summary>MlGan's binary statistics format: version 1 compatibility, version 2 with provenance, damage detection.</summary>
[TestClass]
public sealed class FeatureStatisticsFileTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly StatisticsProvenance Provenance = new()
    {
        Extractor = "fashion-mnist-features.onnx",
        ExtractorSha256 = string.Concat(Enumerable.Repeat("0f", 32)),
        Preprocessing = "grayscale,scale=[0,1]",
        InputShape = [1, 28, 28],
        FeatureDimension = 3,
        Source = "images/ünïcode",
        Shard = "2/5",
    };

    // The layout written independently of the library: magic | version | d | n | [L | JSON] | μ | Σ | SHA-256.
    private static byte[] HandWritten(int version, int d, long n, double[] mean, double[] covariance, byte[]? provenance = null)
    {
        var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        writer.Write("MLGANFS\0"u8);
        writer.Write(version);
        writer.Write(d);
        writer.Write(n);
        if (version == 2)
        {
            writer.Write(provenance?.Length ?? 0);
            writer.Write(provenance ?? []);
        }
        foreach (double v in mean.Concat(covariance)) writer.Write(v);
        writer.Flush();
        var bytes = body.ToArray();
        return [.. bytes, .. SHA256.HashData(bytes)];
    }

    private string Write(string name, byte[] bytes)
    {
        string path = TempPath(TestContext, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [TestMethod]
    public void Version1File_StillLoads()
    {
        double[] mean = [1.5, -2.25, 1e-300];
        double[] covariance = [2, 0.5, 0, 0.5, 3, -1, 0, -1, 4];
        string path = Write("v1.fstats", HandWritten(1, 3, 17, mean, covariance));
        var loaded = FeatureStatistics.Load(path);
        Assert.AreEqual(17L, loaded.Count);
        Assert.IsTrue(loaded.HasCount);
        Assert.IsNull(loaded.Provenance);
        CollectionAssert.AreEqual(mean, loaded.Mean);
        CollectionAssert.AreEqual(covariance, loaded.Covariance);
    }

    [TestMethod]
    public void Version2_RoundTripsMomentsBitExactly_AndProvenance()
    {
        var stats = FeatureStatistics.FromFeatures(CorrelatedGaussian(50, 3, seed: 7)).WithProvenance(Provenance);
        Assert.AreEqual(50L, stats.Provenance!.Count, "WithProvenance fills in an unset count");
        string path = TempPath(TestContext, "v2.fstats");
        stats.Save(path);
        var loaded = FeatureStatistics.Load(path);
        Assert.AreEqual(stats.Provenance, loaded.Provenance);
        CollectionAssert.AreEqual(stats.Mean, loaded.Mean);
        CollectionAssert.AreEqual(stats.Covariance, loaded.Covariance);
        Assert.AreEqual(50L, loaded.Count);

        var bytes = File.ReadAllBytes(path);
        Assert.AreEqual(2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24));
        Assert.AreEqual(Provenance.Source, StatisticsProvenance.FromJson(Encoding.UTF8.GetString(bytes, 28, length)).Source);
        Assert.AreEqual(24 + 4 + length + 8 * 3 + 8 * 9 + 32, bytes.Length);
        // The writer and the independent layout agree byte for byte.
        CollectionAssert.AreEqual(HandWritten(2, 3, 50, stats.Mean, stats.Covariance, bytes[28..(28 + length)]), bytes);
    }

    [TestMethod]
    public void Version2_WithoutProvenance_AndWithUnknownCount_RoundTrip()
    {
        var plain = FeatureStatistics.FromFeatures(CorrelatedGaussian(30, 4, seed: 1));
        string path = TempPath(TestContext, "plain.fstats");
        plain.Save(path);
        Assert.AreEqual(24 + 4 + 8 * 4 + 8 * 16 + 32, new FileInfo(path).Length);
        Assert.IsNull(FeatureStatistics.Load(path).Provenance);

        var unknown = new FeatureStatistics(plain.Mean, plain.Covariance, FeatureStatistics.UnknownCount);
        unknown.Save(path, StatisticsFileFormat.MlGan);
        var loaded = FeatureStatistics.Load(path);
        Assert.IsFalse(loaded.HasCount);
        Assert.AreEqual(FeatureStatistics.UnknownCount, loaded.Count);
        CollectionAssert.AreEqual(plain.Covariance, loaded.Covariance);
    }

    [TestMethod]
    public void EverySingleByteFlip_IsDetected()
    {
        var stats = FeatureStatistics.FromFeatures(CorrelatedGaussian(10, 3, seed: 2)).WithProvenance(Provenance);
        string path = TempPath(TestContext, "flip.fstats");
        stats.Save(path);
        var original = File.ReadAllBytes(path);
        for (int i = 0; i < original.Length; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[i] ^= 0x21;
            File.WriteAllBytes(path, bytes);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), $"flipped byte {i} of {original.Length}");
            StringAssert.Contains(ex.Message, path);
        }
    }

    [TestMethod]
    public void EveryTruncation_IsDetected()
    {
        var stats = FeatureStatistics.FromFeatures(CorrelatedGaussian(10, 2, seed: 3)).WithProvenance(Provenance with { FeatureDimension = 2, InputShape = null });
        string path = TempPath(TestContext, "cut.fstats");
        stats.Save(path);
        var original = File.ReadAllBytes(path);
        for (int length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(path, original[..length]);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), $"length {length}");
            StringAssert.Contains(ex.Message, path);
        }
        File.WriteAllBytes(path, [.. original, 0]);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path)).Message, "padded");
    }

    [TestMethod]
    public void WrongVersionOrDimension_AreNamed()
    {
        double[] mean = [0, 0];
        double[] covariance = [1, 0, 0, 1];
        foreach (int version in new[] { 0, 3, -1 })
            StringAssert.Contains(
                Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(Write("v.fstats", HandWritten(version, 2, 5, mean, covariance)))).Message,
                $"version {version}");
        // A header dimension that disagrees with the payload, checksum intact.
        StringAssert.Contains(
            Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(Write("d.fstats", HandWritten(2, 3, 5, mean, covariance)))).Message,
            "dimension 3");
        StringAssert.Contains(
            Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(Write("d0.fstats", HandWritten(2, 0, 5, [], [])))).Message,
            "dimension 0");
        StringAssert.Contains(
            Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(Write("n1.fstats", HandWritten(1, 2, 0, mean, covariance)))).Message,
            "sample count 0");
    }

    [TestMethod]
    public void BadProvenanceJson_WithAValidChecksum_IsNamed()
    {
        double[] mean = [0, 0, 0];
        double[] covariance = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        string good = (Provenance with { Count = 5 }).ToJson();
        var cases = new (string What, byte[] Json, string Expected)[]
        {
            ("not JSON", "{\"extractor\": "u8.ToArray(), "provenance"),
            ("not UTF-8", [0x7B, 0xFF, 0xFE, 0x7D], "UTF-8"),
            ("missing key", Encoding.UTF8.GetBytes(good.Replace("\"preprocessing\"", "\"preprocessing_x\"")), "provenance"),
            ("wrong dimension", Encoding.UTF8.GetBytes(good.Replace("\"feature_dimension\":3", "\"feature_dimension\":4")), "4 features"),
            ("wrong count", Encoding.UTF8.GetBytes(good.Replace("\"count\":5", "\"count\":6")), "6 samples"),
        };
        foreach (var (what, json, expected) in cases)
        {
            string path = Write("json.fstats", HandWritten(2, 3, 5, mean, covariance, json));
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), what);
            StringAssert.Contains(ex.Message, path, what);
            StringAssert.Contains(ex.Message, expected, what);
        }
        // The same layout with the good JSON loads, so the cases above fail for the stated reason.
        Assert.AreEqual(5L, FeatureStatistics.Load(Write("ok.fstats", HandWritten(2, 3, 5, mean, covariance, Encoding.UTF8.GetBytes(good)))).Provenance!.Count);
    }

    [TestMethod]
    public void WithProvenance_ChecksDimensionAndCount()
    {
        var stats = FeatureStatistics.FromFeatures(CorrelatedGaussian(10, 3, seed: 1));
        Assert.ThrowsExactly<ArgumentException>(() => stats.WithProvenance(Provenance with { FeatureDimension = 4 }));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => stats.WithProvenance(Provenance with { Count = 11 })).Message, "11 samples");
        Assert.AreEqual(10L, stats.WithProvenance(Provenance with { Count = 10 }).Provenance!.Count);
        Assert.IsNull(stats.Provenance, "WithProvenance returns a new object");
    }
}
