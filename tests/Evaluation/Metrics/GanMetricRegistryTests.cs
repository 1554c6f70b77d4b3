using MlGan.Evaluation.Metrics;

namespace MlGan.Evaluation.Tests.Metrics;

[TestClass]
public sealed class GanMetricRegistryTests
{
    private static string[] Keys(IEnumerable<GanMetric> metrics) => [.. metrics.Select(m => m.Key)];

    [TestMethod]
    public void BuiltIns_ComeFirst_InOutputOrder_WithTheirValuesAndDefaults()
    {
        // Other tests may register metrics of their own; they come after the built-in ones.
        var builtIn = GanMetricRegistry.All.Take(7).ToList();
        CollectionAssert.AreEqual(new[] { "fid", "is", "kid", "precision_recall", "density_coverage", "nnd", "modes" }, Keys(builtIn));
        CollectionAssert.AreEqual(
            new[] { "fid", "is", "is_std", "kid", "kid_std", "precision", "recall", "density", "coverage", "nnd", "modes", "mode_count", "hq", "mode_kl" },
            builtIn.SelectMany(m => m.ValueNames).ToArray());
        CollectionAssert.AreEqual(new[] { "fid", "is", "kid", "modes" }, Keys(builtIn.Where(m => m.RunsByDefault)));
        // The names mlgan score --metrics has always accepted.
        foreach (var name in new[] { "fid", "is", "kid", "prdc", "pr", "dc", "modes", "hq", "nnd" })
            CollectionAssert.Contains(GanMetricRegistry.Names.ToArray(), name);
    }

    [TestMethod]
    public void Parse_TakesKeysAndAliases_OnceEach_InRegistryOrder()
    {
        CollectionAssert.AreEqual(new[] { "precision_recall", "density_coverage" }, Keys(GanMetricRegistry.Parse("prdc")));
        CollectionAssert.AreEqual(new[] { "precision_recall", "density_coverage", "modes" }, Keys(GanMetricRegistry.Parse(" hq, DC,pr ")));
        CollectionAssert.AreEqual(new[] { "fid", "kid" }, Keys(GanMetricRegistry.Parse("kid,fid,fid")));
        CollectionAssert.AreEqual(new[] { "precision_recall", "density_coverage" }, Keys(GanMetricRegistry.Parse("pr,prdc,precision_recall")));
        var unknown = Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Parse("fid,xyz"));
        StringAssert.Contains(unknown.Message, "Unknown metric 'xyz'");
        StringAssert.Contains(unknown.Message, "prdc"); // lists the known names
        Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Parse(" , "));
        Assert.AreEqual(0, GanMetricRegistry.Resolve("nope").Count);
    }

    [TestMethod]
    public void Register_RefusesTakenNames_AndValueNames()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Register(new Probe("fid", "fid2"))).Message, "'fid'");
        Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Register(new Probe("pr", "pr_value")));               // a built-in alias
        Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Register(new Probe("probe", "probe", aliases: ["kid"])));  // a built-in key
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Register(new Probe("probe", "kid_std"))).Message, "kid_std");
        Assert.IsFalse(GanMetricRegistry.All.Any(m => m is Probe));
    }

    [TestMethod]
    public void MetricDeclarations_AreChecked()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new Probe("Mean-Distance", "x"));
        Assert.ThrowsExactly<ArgumentException>(() => new Probe("probe", "a b"));
        Assert.ThrowsExactly<ArgumentException>(() => new Probe("probe", "x", aliases: ["probe"]));
    }

    [TestMethod]
    public void Select_Defaults_AreWhatTheInputsAllow_ARequestMustBeServable()
    {
        const GanMetricInputs rows = GanMetricInputs.FeatureStatistics | GanMetricInputs.Features | GanMetricInputs.Samples | GanMetricInputs.GeneratedSamples;
        CollectionAssert.AreEqual(new[] { "fid", "kid" }, Keys(GanMetricRegistry.Select(null, rows)));
        CollectionAssert.AreEqual(new[] { "fid", "is", "kid", "modes" },
            Keys(GanMetricRegistry.Select(null, rows | GanMetricInputs.GeneratedClassScores | GanMetricInputs.MixtureTarget)));
        CollectionAssert.AreEqual(new[] { "fid" }, Keys(GanMetricRegistry.Select(null, GanMetricInputs.FeatureStatistics)));

        var ex = Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Select([new KidMetric()], GanMetricInputs.FeatureStatistics));
        StringAssert.Contains(ex.Message, "'kid'");
        StringAssert.Contains(ex.Message, "feature vectors");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Select([new NeuralNetDivergenceMetric()], GanMetricInputs.GeneratedSamples)).Message, "raw samples");
        // An unregistered metric runs after the registered ones.
        CollectionAssert.AreEqual(new[] { "fid", "probe" }, Keys(GanMetricRegistry.Select([new Probe("probe", "probe"), new FidMetric()], rows)));
    }

    /// <summary>A metric that is never run: only its declaration matters.</summary>
    private sealed class Probe(string key, string value, IReadOnlyList<string>? aliases = null) : GanMetric(key, [value], GanMetricInputs.None, aliases: aliases)
    {
        public override GanMetricResult Compute(GanMetricContext context) => new() { Values = [] };
    }
}
