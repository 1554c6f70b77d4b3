using Microsoft.ML;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests.Metrics;

/// <summary>The recipe for a new metric: one class deriving from <see cref="GanMetric"/>, passed in the options or registered.</summary>
[TestClass]
public sealed class CustomMetricTests
{
    /// <summary>Euclidean distance between the mean feature vectors of the two sides.</summary>
    private sealed class MeanDistanceMetric() : GanMetric("mean_distance", ["mean_distance"], GanMetricInputs.Features)
    {
        public override GanMetricResult Compute(GanMetricContext context)
        {
            double[] real = Mean(context.Real.Features), fake = Mean(context.Generated.Features);
            double distance = Math.Sqrt(real.Zip(fake, (a, b) => (a - b) * (a - b)).Sum());
            return new GanMetricResult { Values = [("mean_distance", distance)] };
        }

        private static double[] Mean(float[][] rows) =>
            [.. Enumerable.Range(0, rows[0].Length).Select(j => rows.Average(row => (double)row[j]))];
    }

    [TestMethod]
    public void ACustomMetric_RunsWhenPassed_AndByNameOnceRegistered()
    {
        // The generated set is the real one shifted by (3, 4): the means lie 5 apart, and FID = |shift|² = 25.
        var ml = new MLContext(seed: 1);
        var realRows = TestData.StandardNormal(200, 2, seed: 1);
        var fakeRows = realRows.Select(r => new[] { r[0] + 3f, r[1] + 4f }).ToArray();
        var real = VectorDataView.FromRows(ml, realRows, "Features", 2);
        var fake = VectorDataView.FromRows(ml, fakeRows, "Generated", 2);

        var passed = ml.Gan().Evaluate(real, fake, new GanEvaluationOptions { Metrics = [new FidMetric(), new MeanDistanceMetric()] });

        Assert.AreEqual(5.0, passed.Value("mean_distance")!.Value, 1e-5);
        Assert.AreEqual(25.0, passed.Fid!.Value, 1e-4);
        var provenance = passed.Provenance["mean_distance"];
        Assert.AreEqual(("identity", 200, 200, 2), (provenance.Extractor, provenance.RealCount, provenance.FakeCount, provenance.FeatureDimension));

        GanMetricRegistry.Register(new MeanDistanceMetric());
        var named = ml.Gan().Evaluate(real, fake, new GanEvaluationOptions { Metrics = GanMetricRegistry.Parse("mean_distance,fid") });

        Assert.AreEqual(passed, named); // same values, same provenance, registry order (fid first)
        CollectionAssert.AreEqual(new[] { "fid", "mean_distance" }, named.Values.Keys.ToArray());
        Assert.IsNull(ml.Gan().Evaluate(real, fake).Value("mean_distance"), "not a default metric");
        Assert.ThrowsExactly<ArgumentException>(() => GanMetricRegistry.Register(new MeanDistanceMetric()));
    }
}
