using MlGan.Evaluation.Metrics;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class MetricProvenanceTests
{
    private static MetricProvenance Sample(double smallest = -1e-9, string warning = "w") => new()
    {
        Extractor = "net.onnx",
        ExtractorSha256 = "ab12",
        Preprocessing = "resize 299 bilinear",
        RealCount = 10,
        FakeCount = 12,
        FeatureDimension = 64,
        Parameters = new Dictionary<string, object> { ["sqrt_route"] = "eigen", ["smallest_eigenvalue"] = smallest, ["k"] = 3, ["n"] = 5L, ["ok"] = true },
        Warnings = [warning],
    };

    [TestMethod]
    public void ComparesByValue_CollectionsIncluded()
    {
        Assert.AreEqual(Sample(), Sample());
        Assert.AreEqual(Sample().GetHashCode(), Sample().GetHashCode());
        Assert.AreNotEqual(Sample(), Sample(smallest: -2e-9));
        Assert.AreNotEqual(Sample(), Sample(warning: "other"));
        Assert.AreNotEqual(Sample(), Sample() with { Seed = 1 });
        // Parameter order does not matter; the values' types do (3 is not 3L).
        var reordered = Sample() with { Parameters = Sample().Parameters.Reverse().ToDictionary() };
        Assert.AreEqual(Sample(), reordered);
        var retyped = Sample() with { Parameters = Sample().Parameters.ToDictionary(p => p.Key, p => p.Key == "k" ? 3L : p.Value) };
        Assert.AreNotEqual(Sample(), retyped);
    }

    [TestMethod]
    public void CopiesItsCollections()
    {
        var parameters = new Dictionary<string, object> { ["k"] = 3 };
        var warnings = new List<string> { "first" };
        var p = Sample() with { Parameters = parameters, Warnings = warnings };
        parameters["k"] = 4;
        warnings.Add("second");
        Assert.AreEqual(3, p.Parameters["k"]);
        CollectionAssert.AreEqual(new[] { "first" }, p.Warnings.ToArray());
    }

    [TestMethod]
    public void RejectsParameterValuesOfOtherTypes_AndNegativeCounts()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => Sample() with { Parameters = new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch } });
        StringAssert.Contains(ex.Message, "when");
        Assert.ThrowsExactly<ArgumentException>(() => Sample() with { Parameters = new Dictionary<string, object> { ["x"] = 1f } });
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Sample() with { RealCount = -1 });
        Assert.ThrowsExactly<ArgumentNullException>(() => Sample() with { Warnings = null! });
    }

    [TestMethod]
    public void GanMetrics_CompareProvenanceByContent()
    {
        GanMetrics Metrics(string warning) => new()
        {
            Fid = 1.5,
            Provenance = new Dictionary<string, MetricProvenance> { [FidMetric.Fid] = Sample(warning: warning) },
        };
        Assert.AreEqual(Metrics("w"), Metrics("w"));
        Assert.AreNotEqual(Metrics("w"), Metrics("v"));
        Assert.AreEqual(0, new GanMetrics().Provenance.Count);
        Assert.AreEqual(new GanMetrics(), new GanMetrics { Provenance = new Dictionary<string, MetricProvenance>() });
    }

    [TestMethod]
    public void UnknownCounts_AreNull_NegativeOnesAreRejected()
    {
        var p = Sample() with { RealCount = null };
        Assert.IsNull(p.RealCount);
        Assert.AreNotEqual(Sample(), p);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Sample() with { FakeCount = -3 });
    }
}
