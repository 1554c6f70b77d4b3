using Microsoft.ML;
using MlGan.Trainers.Checkpoints;
using MlGan.Transforms;

namespace MlGan.Trainers.Tests.Evaluation;

/// <summary>The FID-during-training hook: log column, best checkpoint kept through pruning, early stop, the snapshot's weights.</summary>
[TestClass]
public sealed class TrainingEvaluationTests
{
    private static GanTrainerOptions Small(string dir, TrainingEvaluation evaluation, int steps = 12) => new()
    {
        Width = 8, HiddenLayers = 1, LatentDimension = 2, Steps = steps, BatchSize = 16, Seed = 3, LogEvery = 100,
        CheckpointEvery = 2, KeepCheckpoints = 1, CheckpointDirectory = dir, Evaluation = evaluation, EmaDecay = 0.9,
    };

    [TestMethod]
    public void BestCheckpointIsKeptAndTheScoreIsLogged()
    {
        string dir = Directory.CreateTempSubdirectory("mlgan-eval-").FullName;
        try
        {
            // Scripted scores by completed step: the best (1.0) comes at step 6, later ones are worse.
            var scores = new Dictionary<int, double> { [3] = 5, [6] = 1, [9] = 4, [12] = 3 };
            var seen = new List<int>();
            var evaluation = new TrainingEvaluation { Name = "fid", Every = 3, Evaluate = s => { seen.Add(s.Step); return scores[s.Step]; } };
            var ml = new MLContext(1);
            using var g = ml.Gan().Trainers.Gan(Small(dir, evaluation)).Fit(ml.Gan().Data.GaussianRing(count: 200, seed: 1));
            var result = g.GanTraining();
            CollectionAssert.AreEqual(new[] { 3, 6, 9, 12 }, seen);
            Assert.AreEqual((6, 1.0), result.BestEvaluation);
            Assert.AreEqual(4, result.Evaluations.Count);
            // Evaluation steps are logged whatever LogEvery says, with the score in the "fid" column.
            var log = result.Log;
            var fid = log.Column("fid").ToArray();
            var steps = log.Steps.ToArray();
            foreach (var (done, value) in scores) Assert.AreEqual(value, fid[Array.IndexOf(steps, done - 1)]);
            // Pruning keeps one newest checkpoint plus the best one.
            Assert.IsNotNull(result.BestCheckpoint);
            Assert.IsTrue(File.Exists(result.BestCheckpoint));
            var best = GanCheckpoint.Open(result.BestCheckpoint!);
            Assert.AreEqual(6, best.Manifest.Step);
            var files = Directory.GetFiles(dir, "*.zip").Select(Path.GetFileName).Order().ToArray();
            Assert.AreEqual(2, files.Length, string.Join(", ", files));
            Assert.AreEqual(new GanCheckpointManifest.Evaluation(6, 1.0), GanCheckpoint.Open(GanCheckpoint.FindLatest(dir)!).Manifest.BestEvaluation);
            Assert.IsFalse(result.StoppedEarly);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void PatienceStopsTrainingAfterEvaluationsWithoutImprovement()
    {
        string dir = Directory.CreateTempSubdirectory("mlgan-eval-").FullName;
        try
        {
            var evaluation = new TrainingEvaluation { Name = "fid", Every = 2, Patience = 2, Evaluate = s => s.Step == 2 ? 1.0 : 2.0 };
            var ml = new MLContext(1);
            using var g = ml.Gan().Trainers.Gan(Small(dir, evaluation, steps: 20)).Fit(ml.Gan().Data.GaussianRing(count: 200, seed: 1));
            var result = g.GanTraining();
            Assert.IsTrue(result.StoppedEarly);
            CollectionAssert.AreEqual(new[] { 2, 4, 6 }, result.Evaluations.Select(e => e.Step).ToArray());
            Assert.AreEqual(5, result.Log.Steps.Max());
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void TheSnapshotGeneratesFromTheWeightsFitReturns()
    {
        string dir = Directory.CreateTempSubdirectory("mlgan-eval-").FullName;
        try
        {
            float[][]? last = null;
            var evaluation = new TrainingEvaluation { Name = "score", Every = 6, Evaluate = s => { last = s.Generate(7, seed: 11); return 0; } };
            var ml = new MLContext(1);
            using var g = ml.Gan().Trainers.Gan(Small(dir, evaluation)).Fit(ml.Gan().Data.GaussianRing(count: 200, seed: 1));
            // After the last step the snapshot saw the EMA weights Fit returned: same samples for the same latents.
            var z = MlGan.Transforms.Latent.LatentSampler.Sample(7, 2, MlGan.Transforms.Latent.LatentDistribution.Gaussian, new TorchSharp.torch.Generator(11));
            var expected = g.Generate(Enumerable.Range(0, 7).Select(i => z[i].data<float>().ToArray()).ToArray());
            for (int i = 0; i < 7; i++) CollectionAssert.AreEqual(expected[i], last![i]);
        }
        finally { Directory.Delete(dir, true); }
    }
}
