using Microsoft.Data.Analysis;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class GanMetricsTests
{
    [TestMethod]
    public void ToDataFrame_HasOneRowPerComputedMetric()
    {
        var metrics = new GanMetrics { Fid = 12.5, Kid = 0.01, KidStd = 0.002 };
        DataFrame frame = metrics.ToDataFrame();
        CollectionAssert.AreEqual(new[] { "metric", "value" }, frame.Columns.Select(c => c.Name).ToArray());
        Assert.AreEqual(3L, frame.Rows.Count);
        Assert.AreEqual("Fid", frame["metric"][0]);
        Assert.AreEqual(12.5, frame["value"][0]);
        Assert.AreEqual("KidStd", frame["metric"][2]);
        Assert.AreEqual(0L, new GanMetrics().ToDataFrame().Rows.Count);
    }

    [TestMethod]
    public void WithMixture_CopiesModeMetrics_AndKeepsOthers()
    {
        var mixture = GaussianMixture.Ring(4, 1, 0.1);
        var mm = MixtureMetrics.Compute([[1f, 0f], [0f, 1f]], mixture);
        var metrics = new GanMetrics { Fid = 3 }.WithMixture(mm);
        Assert.AreEqual(3.0, metrics.Fid);
        Assert.AreEqual(2, metrics.ModesCovered);
        Assert.AreEqual(4, metrics.ModeCount);
        Assert.AreEqual(1.0, metrics.HighQualityRate);
        Assert.AreEqual(Math.Log(2), metrics.ModeKlFromUniform!.Value, 1e-12);
        Assert.IsNull(metrics.InceptionScore);
        Assert.AreEqual(new GanMetrics { Fid = 3 }.WithMixture(mm), metrics);
    }
}
