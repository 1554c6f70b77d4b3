using Microsoft.Data.Analysis;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class GanMetricsTests
{
    [TestMethod]
    public void ToDataFrame_HasOneRowPerComputedValue()
    {
        var metrics = new GanMetrics { Fid = 12.5, Kid = 0.01, KidStd = 0.002 };
        DataFrame frame = metrics.ToDataFrame();
        CollectionAssert.AreEqual(new[] { "metric", "value" }, frame.Columns.Select(c => c.Name).ToArray());
        Assert.AreEqual(3L, frame.Rows.Count);
        Assert.AreEqual("fid", frame["metric"][0]);
        Assert.AreEqual(12.5, frame["value"][0]);
        Assert.AreEqual("kid_std", frame["metric"][2]);
        Assert.AreEqual(0L, new GanMetrics().ToDataFrame().Rows.Count);
    }

    [TestMethod]
    public void TypedProperties_ReadAndWriteTheValuesByName()
    {
        var metrics = new GanMetrics { Values = new Dictionary<string, double> { ["fid"] = 3, ["modes"] = 2, ["custom"] = 0.5 } };
        Assert.AreEqual(3.0, metrics.Fid);
        Assert.AreEqual(2, metrics.ModesCovered);
        Assert.AreEqual(0.5, metrics.Value("custom"));
        Assert.IsNull(metrics.Kid);
        Assert.IsNull(metrics.Value("kid"));

        var changed = metrics with { Fid = 4, Kid = 1 };
        CollectionAssert.AreEqual(new[] { "fid", "modes", "custom", "kid" }, changed.Values.Keys.ToArray()); // in place, then appended
        Assert.AreEqual(4.0, changed.Fid);
        Assert.AreEqual(3.0, metrics.Fid, "with copies the values");
        Assert.AreEqual(new GanMetrics { Values = new Dictionary<string, double> { ["modes"] = 2, ["custom"] = 0.5 } }, metrics with { Fid = null });
        Assert.AreEqual(new GanMetrics { Fid = 3 }, new GanMetrics { Values = new Dictionary<string, double> { ["fid"] = 3 } });
        Assert.AreNotEqual(new GanMetrics { Fid = 3 }, new GanMetrics { Fid = 3.5 });
    }

    [TestMethod]
    public void MixtureModes_ValuesMatchMixtureMetrics()
    {
        // Two samples on two of four modes: both high quality, two modes covered, histogram (1/2, 1/2, 0, 0): KL = log 2.
        var mixture = GaussianMixture.Ring(4, 1, 0.1);
        float[][] samples = [[1f, 0f], [0f, 1f]];
        var context = new GanMetricContext(GanMetricSide.FromSamples(samples), GanMetricSide.FromSamples(samples), mixtureTarget: mixture);
        var metrics = GanEvaluator.Evaluate(context, [new MixtureModesMetric()]);
        Assert.AreEqual(2, metrics.ModesCovered);
        Assert.AreEqual(4, metrics.ModeCount);
        Assert.AreEqual(1.0, metrics.HighQualityRate);
        Assert.AreEqual(Math.Log(2), metrics.ModeKlFromUniform!.Value, 1e-12);
        Assert.IsNull(metrics.InceptionScore);
        CollectionAssert.AreEqual(new[] { "modes", "mode_count", "hq", "mode_kl" }, metrics.Values.Keys.ToArray());

        // No sample within 3σ of a mode: the KL is undefined and left out.
        var far = GanEvaluator.Evaluate(new GanMetricContext(context.Real, GanMetricSide.FromSamples([[5f, 5f]]), mixtureTarget: mixture), [new MixtureModesMetric()]);
        Assert.AreEqual(0.0, far.HighQualityRate);
        Assert.IsNull(far.ModeKlFromUniform);
    }
}
