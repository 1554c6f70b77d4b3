using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms.Data;
using MlGan.Transforms.Latent;

namespace MlGan.Transforms.Tests;

[TestClass]
public sealed class DataCatalogTests
{
    private static float[][] Rows(IDataView view, string column = "Features") => view.GetColumn<float[]>(column).ToArray();

    [TestMethod]
    public void RingHasFeaturesVectorColumnAndSamplesLieNearTheEightModes()
    {
        var ml = new MLContext(1);
        var view = ml.Gan().Data.GaussianRing(count: 4000, seed: 3);
        var type = (VectorDataViewType)view.Schema["Features"].Type;
        Assert.AreEqual(2, type.Size);
        var mixture = GaussianMixture.Ring(8, Math.Sqrt(2), 0.1);
        var counts = new int[8];
        foreach (var r in Rows(view))
        {
            var dist = mixture.Means.Select(m => Math.Sqrt(Math.Pow(r[0] - m[0], 2) + Math.Pow(r[1] - m[1], 2))).ToArray();
            int nearest = Array.IndexOf(dist, dist.Min());
            Assert.IsTrue(dist[nearest] < 0.6, $"sample ({r[0]}, {r[1]}) is {dist[nearest]} from every mode");
            counts[nearest]++;
        }
        // 500 expected per mode; binomial sd ≈ 21.
        Assert.IsTrue(counts.All(c => c > 400 && c < 600), string.Join(",", counts));
        CollectionAssert.Contains(mixture.Means.Select(m => Math.Round(m[0], 6)).ToList(), Math.Round(Math.Sqrt(2), 6));
    }

    [TestMethod]
    public void SameSeedSameData_DifferentSeedDifferentData()
    {
        var ml = new MLContext(1);
        var a = Rows(ml.Gan().Data.GaussianGrid(count: 50, seed: 9));
        var b = Rows(ml.Gan().Data.GaussianGrid(count: 50, seed: 9));
        var c = Rows(ml.Gan().Data.GaussianGrid(count: 50, seed: 10));
        CollectionAssert.AreEqual(a.SelectMany(x => x).ToArray(), b.SelectMany(x => x).ToArray());
        CollectionAssert.AreNotEqual(a.SelectMany(x => x).ToArray(), c.SelectMany(x => x).ToArray());
        // Null seed: drawn from the MLContext seed, so two contexts with the same seed agree.
        var d = Rows(new MLContext(5).Gan().Data.TwoMoons(count: 20));
        var e = Rows(new MLContext(5).Gan().Data.TwoMoons(count: 20));
        CollectionAssert.AreEqual(d.SelectMany(x => x).ToArray(), e.SelectMany(x => x).ToArray());
    }

    [TestMethod]
    public void GridTwoClusterImbalancedAndTwoPointHaveTheirShapes()
    {
        var data = new MLContext(1).Gan().Data;
        var grid = Rows(data.GaussianGrid(count: 2000, seed: 1));
        Assert.IsTrue(grid.All(r => Math.Abs(r[0]) < 4.5 && Math.Abs(r[1]) < 4.5));
        var cluster = Rows(data.TwoCluster(count: 1000, seed: 1)).Select(r => r[0]).ToArray();
        Assert.AreEqual(1, Rows(data.TwoCluster(count: 3, seed: 1))[0].Length);
        int nearZero = cluster.Count(v => Math.Abs(v) < 1), nearFour = cluster.Count(v => Math.Abs(v - 4) < 1);
        Assert.AreEqual(1000, nearZero + nearFour);
        Assert.IsTrue(Math.Abs(nearZero - 500) < 80);
        var imbalanced = Rows(data.ImbalancedMixture(new[] { new[] { -2.0 }, new[] { 2.0 } }, new[] { 9.0, 1.0 }, 0.1, 2000, seed: 4));
        double share = imbalanced.Count(r => r[0] < 0) / 2000.0;
        Assert.AreEqual(0.9, share, 0.03);
        var twoPoint = Rows(data.TwoPoint(0, 1, 4)).Select(r => r[0]).ToArray();
        CollectionAssert.AreEqual(new float[] { 0, 1, 0, 1 }, twoPoint);
        var moons = Rows(data.TwoMoons(count: 1000, noise: 0, seed: 2));
        Assert.IsTrue(moons.All(r => r[0] >= -1.0001 && r[0] <= 2.0001 && r[1] >= -0.5001 && r[1] <= 1.0001));
    }

    [TestMethod]
    public void LatentColumnIsSeededAndFollowsItsDistribution()
    {
        var data = new MLContext(1).Gan().Data;
        var gauss = Rows(data.Latent(3, 5000, seed: 1), "Latent");
        Assert.AreEqual(3, gauss[0].Length);
        var flat = gauss.SelectMany(r => r).Select(v => (double)v).ToArray();
        double mean = flat.Average(), variance = flat.Select(v => (v - mean) * (v - mean)).Average();
        Assert.AreEqual(0, mean, 0.05);
        Assert.AreEqual(1, variance, 0.05);
        var uniform = Rows(data.Latent(2, 5000, seed: 1, LatentDistribution.Uniform), "Latent").SelectMany(r => r).ToArray();
        Assert.IsTrue(uniform.All(v => v >= -1 && v <= 1));
        Assert.AreEqual(1.0 / 3.0, uniform.Select(v => (double)v * v).Average(), 0.02);
        CollectionAssert.AreEqual(gauss[0], Rows(data.Latent(3, 1, seed: 1), "Latent")[0]);
    }

    [TestMethod]
    public void BadParametersNameTheParameterAndRange()
    {
        var data = new MLContext(1).Gan().Data;
        AssertNames("count", () => data.GaussianRing(count: 0));
        AssertNames("modes", () => data.GaussianRing(modes: -1));
        AssertNames("std", () => data.GaussianRing(std: double.NaN));
        AssertNames("radius", () => data.GaussianRing(radius: double.NaN));
        AssertNames("spacing", () => data.GaussianGrid(spacing: 0));
        AssertNames("side", () => data.GaussianGrid(side: 0));
        AssertNames("firstWeight", () => data.TwoCluster(firstWeight: 1.5));
        AssertNames("noise", () => data.TwoMoons(noise: double.NaN));
        AssertNames("count", () => data.TwoPoint(count: 1));
        AssertNames("x1", () => data.TwoPoint(x1: double.NaN));
        AssertNames("dimension", () => data.Latent(0, 10));
        AssertNames("count", () => data.Latent(2, -5));
        AssertNames("weights", () => data.ImbalancedMixture(new[] { new[] { 0.0 }, new[] { 1.0 } }, new[] { 1.0 }, 0.1, 10));
        AssertNames("weights", () => data.ImbalancedMixture(new[] { new[] { 0.0 }, new[] { 1.0 } }, new[] { 1.0, double.NaN }, 0.1, 10));
        AssertNames("means", () => data.ImbalancedMixture(new[] { new[] { 0.0 }, new[] { 1.0, 2.0 } }, new[] { 1.0, 1.0 }, 0.1, 10));
        AssertNames("means[1]", () => data.ImbalancedMixture(new[] { new[] { 0.0 }, new[] { double.NaN } }, new[] { 1.0, 1.0 }, 0.1, 10));
    }

    private static void AssertNames(string parameter, Action action)
    {
        var ex = Assert.Throws<ArgumentException>(action);
        Assert.AreEqual(parameter, ex.ParamName);
        StringAssert.Contains(ex.Message, parameter);
    }
}
