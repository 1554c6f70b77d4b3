using MlGan.Transforms.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Trainers.Tests.Gan;

[TestClass]
public sealed class GanTrainerTests
{
    private static GanTrainerOptions Small(int? seed = 3) => new()
    {
        Width = 8, HiddenLayers = 1, LatentDimension = 2, BatchSize = 16, Steps = 6, LogEvery = 1, Seed = seed,
    };

    [TestMethod]
    public void TrainsAfterNormalizeMinMaxInAnEstimatorChain()
    {
        var ml = new MLContext(1);
        var data = ml.Gan().Data.GaussianRing(count: 200, seed: 1);
        var pipeline = ml.Transforms.NormalizeMinMax("Features").Append(ml.Gan().Trainers.JsGan(width: 8, steps: 5, seed: 2));
        var model = pipeline.Fit(data);
        var generator = model.LastTransformer;
        var samples = generator.Transform(ml.Gan().Data.Latent(generator.LatentDimension, 10, seed: 3)).GetColumn<float[]>("Generated").ToArray();
        Assert.AreEqual(10, samples.Length);
        Assert.IsTrue(samples.All(s => s.Length == 2 && s.All(float.IsFinite)));
    }

    [TestMethod]
    public void SameMlContextSeedGivesIdenticalLossesStepByStep()
    {
        TrainingLog Run()
        {
            var ml = new MLContext(42);
            var trainer = ml.Gan().Trainers.Gan(Small(seed: null));
            using var g = trainer.Fit(ml.Gan().Data.GaussianRing(count: 100, seed: 1));
            return g.GanTraining().Log;
        }
        var a = Run();
        var b = Run();
        foreach (var q in GanStepper.QuantityNames)
            CollectionAssert.AreEqual(a.Column(q).ToArray(), b.Column(q).ToArray(), q);
        Assert.AreEqual(6, a.Count);
        // A different seed moves the run.
        var ml2 = new MLContext(43);
        var other = ml2.Gan().Trainers.Gan(Small(seed: null));
        using var otherGenerator = other.Fit(ml2.Gan().Data.GaussianRing(count: 100, seed: 1));
        CollectionAssert.AreNotEqual(a.Column("d_loss").ToArray(), otherGenerator.GanTraining().Log.Column("d_loss").ToArray());
    }

    [TestMethod]
    public void WganGpOnDcganImagesLogsLossesGradNormsAndPenalty()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 20).Select(i => Enumerable.Range(0, 64).Select(j => (float)Math.Sin(i + j)).ToArray()).ToArray();
        var data = VectorDataView.FromRows(ml, rows, "Features", 64);
        var trainer = ml.Gan().Trainers.Wgan(WganConstraint.GradientPenalty, GanNetwork.Dcgan, width: 2, steps: 2, imageShape: [1, 8, 8], seed: 1);
        using var g = trainer.Fit(data);
        CollectionAssert.AreEqual(new long[] { 1, 8, 8 }, g.Generator.OutputShape);
        Assert.IsTrue(g.GanTraining().Log.Column("gp").All(v => v > 0));
        Assert.IsTrue(g.GanTraining().Log.Column("g_grad_norm").All(v => v > 0));
    }

    [TestMethod]
    public void RsGanAndUnrolledAndOptimalDynamicsRun()
    {
        var ml = new MLContext(1);
        var data = ml.Gan().Data.TwoMoons(count: 100, seed: 1);
        var rs = ml.Gan().Trainers.RsGan(width: 8, steps: 3, seed: 1);
        AssertTrainedAndGenerates(ml, rs, data, expectedRows: 2); // steps 0 and 2 (LogEvery 10)
        var unrolled = Small();
        unrolled.Dynamics = GanDynamics.Unrolled;
        unrolled.UnrollSteps = 2;
        AssertTrainedAndGenerates(ml, ml.Gan().Trainers.Gan(unrolled), data, expectedRows: 6);
        var optimal = Small();
        optimal.Network = GanNetwork.HiddenLayer;
        optimal.Loss = GanLosses.ByName("wgan");
        optimal.L2 = 1;
        optimal.Dynamics = GanDynamics.OptimalLinearCritic;
        AssertTrainedAndGenerates(ml, ml.Gan().Trainers.Gan(optimal), data, expectedRows: 6);
    }

    /// <summary>Fits, then checks every logged loss is finite and the generator yields finite 2-D samples.</summary>
    private static void AssertTrainedAndGenerates(MLContext ml, GanTrainer trainer, IDataView data, int expectedRows)
    {
        using var generator = trainer.Fit(data);
        var log = generator.GanTraining().Log;
        Assert.AreEqual(expectedRows, log.Count);
        foreach (var quantity in new[] { "d_loss", "g_loss" })
            Assert.IsTrue(log.Column(quantity).All(v => v is { } x && double.IsFinite(x)), $"{quantity} not finite");
        var samples = generator.Transform(ml.Gan().Data.Latent(generator.LatentDimension, 8, seed: 5)).GetColumn<float[]>("Generated").ToArray();
        Assert.AreEqual(8, samples.Length);
        Assert.IsTrue(samples.All(r => r.Length == 2 && r.All(float.IsFinite)));
    }

    // ---------------------------------------------------------------- bad input, each before training

    private static IDataView Ring(MLContext ml) => ml.Gan().Data.GaussianRing(count: 50, seed: 1);

    [TestMethod]
    public void MissingColumnIsNamed()
    {
        var ml = new MLContext(1);
        var o = Small();
        o.FeatureColumnName = "Pixels";
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(o).Fit(Ring(ml)));
        StringAssert.Contains(ex.Message, "Pixels");
    }

    private sealed class ScalarRow { public double Features { get; set; } }

    [TestMethod]
    public void NonFloatVectorColumnIsNamed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new ScalarRow { Features = 1 } });
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(Small()).Fit(data));
        StringAssert.Contains(ex.Message, "Features");
    }

    [TestMethod]
    public void WrongSizeForImageShapeNamesTheOption()
    {
        var ml = new MLContext(1);
        var o = Small();
        o.ImageShape = [1, 4, 4];
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(o).Fit(Ring(ml)));
        Assert.AreEqual("ImageShape", ex.ParamName);
    }

    [TestMethod]
    public void EmptyDataIsRejected()
    {
        var ml = new MLContext(1);
        var empty = VectorDataView.FromRows(ml, Array.Empty<float[]>(), "Features", 2);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(Small()).Fit(empty));
        StringAssert.Contains(ex.Message, "no rows");
    }

    [TestMethod]
    public void NaNDataIsRejectedNamingTheRow()
    {
        var ml = new MLContext(1);
        var data = VectorDataView.FromRows(ml, new[] { new float[] { 1, 2 }, new float[] { float.NaN, 0 } }, "Features", 2);
        var trainer = ml.Gan().Trainers.Gan(Small());
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => trainer.Fit(data));
        StringAssert.Contains(ex.Message, "row 1");
    }

    [TestMethod]
    public void BadOptionsAreNamedAtConstruction()
    {
        var ml = new MLContext(1);
        void Expect(Action<GanTrainerOptions> set, string name)
        {
            var o = Small();
            set(o);
            var ex = Assert.Throws<ArgumentException>(() => ml.Gan().Trainers.Gan(o));
            StringAssert.Contains(ex.ParamName ?? ex.Message, name);
        }
        Expect(o => o.Width = 0, "Width");
        Expect(o => o.Width = -3, "Width");
        Expect(o => o.GeneratorOptimizer = new OptimizerSettings(LearningRate: 0), "GeneratorOptimizer.LearningRate");
        Expect(o => o.DiscriminatorOptimizer = new OptimizerSettings(LearningRate: -1e-3), "DiscriminatorOptimizer.LearningRate");
        Expect(o => o.DiscriminatorSteps = 0, "DiscriminatorSteps");
        Assert.AreEqual("name", Assert.ThrowsExactly<ArgumentException>(() => GanLosses.ByName("nope")).ParamName);
        Expect(o => o.Device = "tpu", "Device");
        Expect(o => o.Network = GanNetwork.Dcgan, "ImageShape");
    }

    [TestMethod]
    public void CollapseBasinFlagRaisedWhenDLossSitsAtTheCollapseValue()
    {
        var loss = new JsGanLoss();
        var detector = new CollapseBasinDetector(loss, window: 5);
        string[] q = ["d_loss"];
        for (int t = 0; t < 4; t++) Assert.IsNull(detector.Observe(t, q, [0.6931]));
        for (int t = 4; t < 8; t++) Assert.IsNull(detector.Observe(t, q, [0.4774 + 0.001 * (t % 2)]));
        Assert.IsFalse(detector.Flagged);
        StringAssert.Contains(detector.Observe(8, q, [0.4770]), "collapse");
        Assert.AreEqual(8, detector.FlaggedAt);
        Assert.IsNull(new CollapseBasinDetector(new WassersteinGanLoss(), 1).Observe(0, q, [0.4774]), "no collapse value for WGAN");
    }

    [TestMethod]
    public void VanishingGradientWarnsAfterAWindowOfTinyNorms()
    {
        var detector = new VanishingGradientDetector(1e-6, window: 3);
        string[] q = ["g_grad_norm"];
        Assert.IsNull(detector.Observe(0, q, [1e-9]));
        Assert.IsNull(detector.Observe(1, q, [1e-9]));
        Assert.IsNull(detector.Observe(2, q, [1.0]));
        Assert.IsNull(detector.Observe(3, q, [1e-9]));
        Assert.IsNull(detector.Observe(4, q, [1e-9]));
        Assert.IsNotNull(detector.Observe(5, q, [1e-9]));
        Assert.AreEqual(5, detector.WarnedAt);
    }
}
