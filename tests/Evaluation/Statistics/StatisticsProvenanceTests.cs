using System.Text.Json;

namespace MlGan.Evaluation.Tests.Statistics;

[TestClass]
public sealed class StatisticsProvenanceTests
{
    private static readonly StatisticsProvenance Inception = new()
    {
        Extractor = "pt_inception-2015-12-05",
        ExtractorSha256 = string.Concat(Enumerable.Repeat("ab", 32)),
        Preprocessing = "resize=bilinear-299,scale=[-1,1]",
        InputShape = [3, 299, 299],
        FeatureDimension = 2048,
        Count = 50_000,
        Source = "/data/cifar10/train",
        Shard = "1/3",
    };

    [TestMethod]
    public void Json_RoundTripsEveryMember_WithSnakeCaseKeys()
    {
        string json = Inception.ToJson();
        var back = StatisticsProvenance.FromJson(json);
        Assert.AreEqual(Inception, back);
        CollectionAssert.AreEqual(Inception.InputShape, back.InputShape);
        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (string key in new[] { "extractor", "extractor_sha256", "preprocessing", "input_shape", "feature_dimension", "count", "mlgan_version", "source", "shard" })
            Assert.Contains(key, keys, $"key '{key}' in {json}");
        Assert.AreEqual(2048, document.RootElement.GetProperty("feature_dimension").GetInt32());
        Assert.AreEqual(299, document.RootElement.GetProperty("input_shape")[2].GetInt32());
    }

    [TestMethod]
    public void OptionalMembers_MayBeAbsent_AndVersionDefaultsToThisAssembly()
    {
        var minimal = new StatisticsProvenance { Extractor = "net.onnx", Preprocessing = "none", FeatureDimension = 8 };
        Assert.IsFalse(string.IsNullOrWhiteSpace(StatisticsProvenance.CurrentMlGanVersion));
        Assert.AreEqual(StatisticsProvenance.CurrentMlGanVersion, minimal.MlGanVersion);
        var back = StatisticsProvenance.FromJson(minimal.ToJson());
        Assert.AreEqual(minimal, back);
        Assert.IsNull(back.InputShape);
        Assert.IsNull(back.ExtractorSha256);
    }

    [TestMethod]
    public void BadJson_ThrowsInvalidData()
    {
        string[] bad =
        [
            "{not json",
            "null",
            "{\"preprocessing\":\"none\",\"feature_dimension\":3,\"mlgan_version\":\"1\"}", // no extractor
            "{\"extractor\":null,\"preprocessing\":\"none\",\"feature_dimension\":3,\"mlgan_version\":\"1\"}",
            "{\"extractor\":\"e\",\"preprocessing\":\"none\",\"feature_dimension\":0,\"mlgan_version\":\"1\"}",
            "{\"extractor\":\"e\",\"preprocessing\":\"none\",\"feature_dimension\":3}", // no version
            "{\"extractor\":\"e\",\"preprocessing\":\"none\",\"feature_dimension\":3,\"mlgan_version\":\"1\",\"count\":-5}",
            "{\"extractor\":\"e\",\"preprocessing\":\"none\",\"feature_dimension\":3,\"mlgan_version\":\"1\",\"input_shape\":[3,0]}",
            "{\"extractor\":\"e\",\"preprocessing\":\"none\",\"feature_dimension\":\"three\",\"mlgan_version\":\"1\"}",
        ];
        foreach (string json in bad)
            Assert.ThrowsExactly<InvalidDataException>(() => StatisticsProvenance.FromJson(json), json);
        // Keys a later MlGan may add are ignored.
        var future = StatisticsProvenance.FromJson("{\"extractor\":\"e\",\"preprocessing\":\"p\",\"feature_dimension\":3,\"mlgan_version\":\"9\",\"colour_space\":\"srgb\"}");
        Assert.AreEqual("9", future.MlGanVersion);
    }

    [TestMethod]
    public void Mismatches_EmptyForComparableSets_CountSourceShardAndVersionNeverCount()
    {
        Assert.IsEmpty(StatisticsProvenance.Mismatches(Inception, Inception));
        var otherRun = Inception with { Count = 10, Source = "/elsewhere", Shard = null, MlGanVersion = "0.0.1" };
        Assert.IsEmpty(StatisticsProvenance.Mismatches(Inception, otherRun));
        // Same file under another name: the SHA-256 decides.
        Assert.IsEmpty(StatisticsProvenance.Mismatches(Inception, Inception with { Extractor = "inception.pth", ExtractorSha256 = Inception.ExtractorSha256!.ToUpperInvariant() }));
        // An unrecorded input shape on one side is not evidence of a difference.
        Assert.IsEmpty(StatisticsProvenance.Mismatches(Inception, Inception with { InputShape = null }));
    }

    [TestMethod]
    public void Mismatches_NameEachDifference()
    {
        var sha = StatisticsProvenance.Mismatches(Inception, Inception with { ExtractorSha256 = new string('0', 64) });
        Assert.HasCount(1, sha);
        StringAssert.Contains(sha[0], "SHA-256");

        var byName = StatisticsProvenance.Mismatches(Inception, Inception with { ExtractorSha256 = null, Extractor = "clip-vit-b32" });
        Assert.HasCount(1, byName);
        StringAssert.Contains(byName[0], "clip-vit-b32");
        Assert.IsEmpty(StatisticsProvenance.Mismatches(Inception with { ExtractorSha256 = null }, Inception));

        var preprocessing = StatisticsProvenance.Mismatches(Inception, Inception with { Preprocessing = "resize=pil-bicubic-299" });
        Assert.HasCount(1, preprocessing);
        StringAssert.Contains(preprocessing[0], "pil-bicubic");

        var shape = StatisticsProvenance.Mismatches(Inception, Inception with { InputShape = [3, 224, 224] });
        Assert.HasCount(1, shape);
        StringAssert.Contains(shape[0], "[3, 224, 224]");

        var all = StatisticsProvenance.Mismatches(Inception, Inception with
        {
            ExtractorSha256 = new string('1', 64), Preprocessing = "x", FeatureDimension = 768, InputShape = [3, 224, 224],
        });
        Assert.HasCount(4, all);
        Assert.IsTrue(all.Any(m => m.Contains("2048") && m.Contains("768")), string.Join(" | ", all));
    }

    [TestMethod]
    public void Equality_ComparesInputShapeByValue()
    {
        var copy = Inception with { InputShape = [3, 299, 299] };
        Assert.AreEqual(Inception, copy);
        Assert.AreEqual(Inception.GetHashCode(), copy.GetHashCode());
        Assert.AreNotEqual(Inception, Inception with { InputShape = [3, 299] });
        Assert.AreNotEqual(Inception, Inception with { InputShape = null });
    }
}
