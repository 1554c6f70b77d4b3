using MlGan.Transforms.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Trainers.Tests.RandomFeature;

[TestClass]
public sealed class RandomFeatureWganTrainerTests
{
    private static RandomFeatureWganOptions Small(RandomFeatureDynamics dynamics = RandomFeatureDynamics.Sgda) => new()
    {
        GeneratorWidth = 200,
        DiscriminatorWidth = 50,
        GeneratorWeightScale = 2,
        DiscriminatorWeightScale = 1,
        GeneratorBiasScale = 1,
        ThetaInitScale = 0.01,
        BatchSize = 128,
        Steps = 150,
        LogEvery = 25,
        EvaluationSampleSize = 2000,
        LearningRate = 2e-3,
        LearningRateDecay = 1,
        Optimizer = ThetaOptimizer.Sgd,
        Dynamics = dynamics,
        Seed = 3,
    };

    [TestMethod]
    [DataRow(RandomFeatureDynamics.Sgda)]
    [DataRow(RandomFeatureDynamics.OptimalLinearCritic)]
    public void FitAfterABuiltInTransformReducesJAndLogsEveryQuantity(RandomFeatureDynamics dynamics)
    {
        var ml = new MLContext(1);
        var data = ml.Gan().Data.TwoCluster(count: 2000, seed: 1);
        var trainer = ml.Gan().Trainers.RandomFeatureWgan(Small(dynamics));
        var model = ml.Transforms.NormalizeMinMax("Features").Append(trainer).Fit(data);
        var log = model.LastTransformer.RandomFeatureTraining().Log;
        Assert.AreEqual(7, log.Count); // steps 0, 25, ..., 125 and the last (149)
        var j = log.Column("J").Select(v => v!.Value).ToArray();
        Assert.IsTrue(j[^1] < 0.5 * j[0], $"J went from {j[0]} to {j[^1]}");
        var frame = log.ToDataFrame();
        CollectionAssert.AreEqual(new[] { "step", "L", "J", "grad_norm", "learning_rate", "epoch" }, frame.Columns.Select(c => c.Name).ToArray());
        var generator = model.LastTransformer;
        var fake = generator.Transform(ml.Gan().Data.Latent(2, 10, seed: 4)).GetColumn<float[]>("Generated").ToArray();
        Assert.AreEqual(10, fake.Length);
        Assert.AreEqual(1, fake[0].Length);
    }

    [TestMethod]
    public void GaussNewtonStepReachesALowerJThanSgdInTheSameSteps()
    {
        // The QuickStart's regime in miniature: sharp features on the 8-Gaussian ring, where J is badly conditioned in θ.
        double FinalJ(ThetaOptimizer optimizer, double alpha)
        {
            var ml = new MLContext(1);
            var options = new RandomFeatureWganOptions
            {
                GeneratorWidth = 600, DiscriminatorWidth = 150, BatchSize = 1000, GaussNewtonBatchSize = 200,
                Steps = 20, LogEvery = 19, EvaluationSampleSize = 4000, LearningRateDecay = 1,
                Optimizer = optimizer, LearningRate = alpha, Seed = 4,
            };
            var trainer = ml.Gan().Trainers.RandomFeatureWgan(options);
            using var generator = trainer.Fit(ml.Gan().Data.GaussianRing(count: 4000, seed: 2));
            var run = generator.RandomFeatureTraining();
            Assert.IsTrue(run.InitialJ > 0);
            return run.Log.Column("J")[^1]!.Value / run.InitialJ;
        }
        double gaussNewton = FinalJ(ThetaOptimizer.GaussNewton, 0.7);
        var sgd = new[] { 1e-4, 1e-3, 1e-2 }.Select(a => FinalJ(ThetaOptimizer.Sgd, a)).ToArray();
        Console.WriteLine($"J/J0 after 20 steps: Gauss–Newton {gaussNewton:E2}, SGD {string.Join(", ", sgd.Select(v => v.ToString("E2")))}");
        Assert.IsTrue(gaussNewton < 0.5 * sgd.Min(), $"J/J0 after 20 steps: Gauss–Newton {gaussNewton}, SGD (α = 1e-4, 1e-3, 1e-2) {string.Join(", ", sgd)}");
    }

    [TestMethod]
    public void SameSeedGivesIdenticalLogs()
    {
        var ml1 = new MLContext(1);
        var ml2 = new MLContext(1);
        var o1 = Small(); o1.Steps = 30; o1.LogEvery = 5;
        var o2 = Small(); o2.Steps = 30; o2.LogEvery = 5;
        var t1 = ml1.Gan().Trainers.RandomFeatureWgan(o1);
        var t2 = ml2.Gan().Trainers.RandomFeatureWgan(o2);
        using var g1 = t1.Fit(ml1.Gan().Data.GaussianRing(count: 1000, seed: 2));
        using var g2 = t2.Fit(ml2.Gan().Data.GaussianRing(count: 1000, seed: 2));
        CollectionAssert.AreEqual(g1.RandomFeatureTraining().Log.Column("J").ToArray(), g2.RandomFeatureTraining().Log.Column("J").ToArray());
        CollectionAssert.AreEqual(g1.RandomFeatureTraining().Log.Column("L").ToArray(), g2.RandomFeatureTraining().Log.Column("L").ToArray());
    }

    [TestMethod]
    public void BadOptionsAndBadDataFailBeforeTrainingNamingTheCulprit()
    {
        var ml = new MLContext(1);
        var ring = ml.Gan().Data.GaussianRing(count: 100, seed: 1);
        void Throws(string name, Action a)
        {
            var ex = Assert.Throws<ArgumentException>(a);
            StringAssert.Contains(ex.Message, name);
        }
        Throws("LatentDimension", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { LatentDimension = 0 }));
        Throws("GeneratorWidth", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { GeneratorWidth = 0 }));
        Throws("DiscriminatorWidth", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { DiscriminatorWidth = 0 }));
        Throws("LearningRate", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { LearningRate = 0 }));
        Throws("LearningRate", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { LearningRate = double.NaN }));
        Throws("GaussNewtonDamping", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { GaussNewtonDamping = 0 }));
        Throws("GaussNewtonDampingDecay", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { GaussNewtonDampingDecay = 0 }));
        Throws("GaussNewtonDampingDecay", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { GaussNewtonDampingDecay = 1.5 }));
        Throws("GaussNewtonBatchSize", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { GaussNewtonBatchSize = 0 }));
        Throws("GeneratorWidth", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { GeneratorWidth = 2 }).Fit(ring));
        Throws("Could not find input column 'Pixels'", () => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions { FeatureColumnName = "Pixels" }).Fit(ring));
        var withNaN = VectorDataView.FromRows(ml, new[] { new[] { 0f, 1f }, new[] { float.NaN, 0f } }, "Features", 2);
        var nan = Assert.ThrowsExactly<InvalidDataException>(() => ml.Gan().Trainers.RandomFeatureWgan(Small()).Fit(withNaN));
        StringAssert.Contains(nan.Message, "row 1");
    }

    [TestMethod]
    public void CancellationTokenStopsTrainingBeforeTheNextStep()
    {
        var ml = new MLContext(1);
        using var cts = new CancellationTokenSource();
        var o = Small();
        o.Steps = 10_000; o.LogEvery = 1;
        int seen = 0;
        o.Progress = new InlineProgress(s => { seen = s.Step; if (s.Step == 3) cts.Cancel(); });
        o.CancellationToken = cts.Token;
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Gan().Trainers.RandomFeatureWgan(o).Fit(ml.Gan().Data.TwoCluster(count: 500, seed: 1)));
        Assert.AreEqual(3, seen);
    }

    private sealed class InlineProgress(Action<TrainingStep> action) : IProgress<TrainingStep>
    {
        public void Report(TrainingStep value) => action(value);
    }
}
