using Microsoft.ML;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class GanEvaluatorTests
{
    private static readonly GaussianMixture Ring = GaussianMixture.Ring(8, Math.Sqrt(2), 0.1);

    /// <summary>A generator that dropped six of the eight modes.</summary>
    private static readonly GaussianMixture TwoModes = new([Ring.Means[0], Ring.Means[4]], 0.1);

    [TestMethod]
    public void RingTarget_AllDefaultMetricsMatchTheDirectComputations()
    {
        var ml = new MLContext(seed: 1);
        var realRows = Ring.Sample(600, new SeededRandom(1));
        var fakeRows = TwoModes.Sample(400, new SeededRandom(2));
        var real = VectorDataView.FromRows(ml, realRows, "Features", 2);
        var fake = VectorDataView.FromRows(ml, fakeRows, "Generated", 2);
        var options = new GanEvaluationOptions { MixtureTarget = Ring, Seed = 5 };

        var m = ml.Gan().Evaluate(real, fake, options);

        Assert.AreEqual(FrechetDistance.Compute(realRows, fakeRows), m.Fid!.Value, 1e-9);
        var kid = KernelInceptionDistance.Compute(realRows, fakeRows, seed: 5); // the default 100 subsets of up to 1000 rows
        Assert.AreEqual(kid.Mean, m.Kid!.Value, 1e-12);
        Assert.AreEqual(kid.Std, m.KidStd!.Value, 1e-12);
        Assert.AreEqual(2, m.ModesCovered);
        Assert.AreEqual(8, m.ModeCount);
        Assert.IsGreaterThan(0.95, m.HighQualityRate!.Value);
        Assert.AreEqual(Math.Log(4), m.ModeKlFromUniform!.Value, 0.05); // two equal modes of eight: KL = log 4
        Assert.IsNull(m.InceptionScore); // identity features give no class scores
        Assert.IsNull(m.Nnd);
        Assert.AreEqual(7L, m.ToDataFrame().Rows.Count); // fid, kid, kid_std, 4 mixture entries
        CollectionAssert.AreEqual(new[] { "fid", "kid", "modes" }, m.Provenance.Keys.ToArray());
    }

    [TestMethod]
    public void SameDistribution_ScoresNearZero_CollapsedScoresWorse()
    {
        var ml = new MLContext(seed: 2);
        var options = new GanEvaluationOptions { MixtureTarget = Ring, GeneratedColumnName = "Features" };
        var real = ml.Gan().Data.Mixture(Ring, 2000, seed: 3);
        var good = ml.Gan().Evaluate(real, ml.Gan().Data.Mixture(Ring, 2000, seed: 4), options);
        var bad = ml.Gan().Evaluate(real, ml.Gan().Data.Mixture(TwoModes, 2000, seed: 4), options);
        Assert.AreEqual(8, good.ModesCovered);
        Assert.IsLessThan(0.02, good.Fid!.Value);
        Assert.IsGreaterThan(10 * good.Fid!.Value, bad.Fid!.Value);
        Assert.IsGreaterThan(good.Kid!.Value + 5 * good.KidStd!.Value, bad.Kid!.Value);
    }

    [TestMethod]
    public void Nnd_OnlyWhenRequested_MatchesTheDirectComputation()
    {
        var ml = new MLContext(seed: 3);
        var realRows = Ring.Sample(200, new SeededRandom(1));
        var fakeRows = TwoModes.Sample(200, new SeededRandom(2));
        var real = VectorDataView.FromRows(ml, realRows, "Features", 2);
        var fake = VectorDataView.FromRows(ml, fakeRows, "Generated", 2);
        var nnd = new NeuralNetDivergenceOptions { Steps = 300, Width = 32 };
        var options = new GanEvaluationOptions { Metrics = [new NeuralNetDivergenceMetric(nnd), new FidMetric()], Seed = 9 };

        var m = ml.Gan().Evaluate(real, fake, options);

        Assert.AreEqual(NeuralNetDivergence.Compute(realRows, fakeRows, nnd, seed: 9), m.Nnd!.Value);
        Assert.IsGreaterThan(0.2, m.Nnd!.Value, $"NND = {m.Nnd}"); // six of eight modes missing
        Assert.IsNotNull(m.Fid);
        Assert.IsNull(ml.Gan().Evaluate(real, fake, new GanEvaluationOptions()).Nnd); // never implied by null Metrics
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new NeuralNetDivergenceMetric(new NeuralNetDivergenceOptions { Steps = 0 }));
    }

    [TestMethod]
    public void SeedComesFromTheContext()
    {
        var rowsA = TestData.StandardNormal(300, 3, seed: 1);
        var rowsB = TestData.StandardNormal(300, 3, seed: 2, shift: 0.3);
        double Kid(int contextSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            var a = VectorDataView.FromRows(ml, rowsA, "Features", 3);
            var b = VectorDataView.FromRows(ml, rowsB, "Generated", 3);
            return ml.Gan().Evaluate(a, b, new GanEvaluationOptions { Metrics = [new KidMetric(subsetSize: 100)] }).Kid!.Value;
        }
        Assert.AreEqual(Kid(7), Kid(7));
        Assert.AreNotEqual(Kid(7), Kid(8));
    }

    [TestMethod]
    public void ClassScores_GiveTheInceptionScore()
    {
        var real = TestData.StandardNormal(50, 4, seed: 1);
        var fake = TestData.StandardNormal(40, 4, seed: 2);
        var m = GanEvaluator.Evaluate(real, fake, new GanEvaluationOptions
        {
            FeatureExtractor = new LinearLogits(),
            Metrics = [new InceptionScoreMetric(splits: 4), new FidMetric()],
        });
        var expected = InceptionScore.FromLogits(new LinearLogits().Extract(fake).ClassScores!, 4);
        Assert.AreEqual(expected.Mean, m.InceptionScore!.Value, 1e-12);
        Assert.AreEqual(expected.Std, m.InceptionScoreStd!.Value, 1e-12);
        // FID is taken on the extractor's features (the doubled samples), not on the raw rows.
        var lin = new LinearLogits();
        Assert.AreEqual(FrechetDistance.Compute(lin.ExtractFeatures(real), lin.ExtractFeatures(fake)), m.Fid!.Value, 1e-9);
        Assert.IsNull(m.Kid);
    }

    [TestMethod]
    public void BadRequests_AreArgumentErrors()
    {
        var ml = new MLContext(seed: 1);
        var real = ml.Gan().Data.Mixture(Ring, 20, seed: 1);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Evaluate(real, real));
        StringAssert.Contains(ex.Message, "Generated");
        StringAssert.Contains(ex.Message, "Features");  // lists the columns the view has
        var same = new GanEvaluationOptions { GeneratedColumnName = "Features" };
        same.Metrics = [new InceptionScoreMetric()];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Evaluate(real, real, same)).Message, "class scores");
        same.Metrics = [new MixtureModesMetric()];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Evaluate(real, real, same)).Message, "MixtureTarget");
        same.Metrics = [];
        Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Evaluate(real, real, same));
        same.Metrics = [new FidMetric(), new FidMetric()];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Evaluate(real, real, same)).Message, "twice");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new KidMetric(subsetSize: 1));
        Assert.ThrowsExactly<ArgumentException>(() => GanEvaluator.Evaluate(TestData.StandardNormal(5, 2, 1), TestData.StandardNormal(5, 3, 1)));
    }

    /// <summary>Test extractor: features 2x, logits = the first two coordinates and their sum.</summary>
    private sealed class LinearLogits : IFeatureExtractor
    {
        public string Name => "linear";
        public ClassScoreKind ClassScores => ClassScoreKind.Logits;
        public FeatureExtraction Extract(IReadOnlyList<float[]> samples) => new(
            samples.Select(r => r.Select(v => 2 * v).ToArray()).ToArray(),
            samples.Select(r => new[] { r[0], r[1], r[0] + r[1] }).ToArray(),
            ClassScoreKind.Logits);
    }
}
