using Microsoft.ML;
using MlGan.Trainers.Checkpoints;
using MlGan.Trainers.Dynamics;
using MlGan.Transforms;

namespace MlGan.Trainers.Tests.Gan;

/// <summary>Checkpoint hygiene: stale partial files go, old checkpoints are pruned, a bad newest one is skipped, a finished run is not resumed silently.</summary>
[TestClass]
public sealed class CheckpointHygieneTests
{
    private static GanTrainerOptions Options(int steps, string dir) => new()
    {
        Width = 8, HiddenLayers = 1, LatentDimension = 2, BatchSize = 16, Steps = steps, LogEvery = 1, Seed = 6,
        GeneratorOptimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.05), DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.05),
        CheckpointEvery = 2, CheckpointDirectory = dir,
    };

    private static GanTrainingResult Train(GanTrainerOptions options)
    {
        var ml = new MLContext(1);
        using var g = ml.Gan().Trainers.Gan(options).Fit(ml.Gan().Data.GaussianRing(count: 100, seed: 1));
        return g.GanTraining();
    }

    private static string[] Names(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [TestMethod]
    public void OnlyTheNewestCheckpointsAreKeptAndStalePartialsAreRemoved()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-hygiene-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string stale = Path.Combine(dir, ".ckpt-00000004.zip.0123456789abcdef.partial");
            File.WriteAllBytes(stale, [0x50, 0x4B, 3, 4]);
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "not ours");
            var run = Train(Options(10, dir));
            CollectionAssert.AreEqual(new[] { "ckpt-00000006.zip", "ckpt-00000008.zip", "ckpt-00000010.zip", "notes.txt" }, Names(dir));
            Assert.IsTrue(run.Warnings.Any(w => w.Contains("removed 1 stale partial")), string.Join("; ", run.Warnings));

            var all = Options(10, dir);
            all.KeepCheckpoints = 0;
            all.CheckpointDirectory = Path.Combine(dir, "all");
            Train(all);
            Assert.AreEqual(5, Directory.GetFiles(all.CheckpointDirectory).Length, "0 keeps every checkpoint");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void ResumeSkipsATruncatedNewestCheckpointAndSaysSo()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-hygiene-{Guid.NewGuid():N}");
        try
        {
            Train(Options(6, dir));
            // A disk-full or a copy cut short: the newest checkpoint is truncated.
            string newest = Path.Combine(dir, "ckpt-00000006.zip");
            var bytes = File.ReadAllBytes(newest);
            File.WriteAllBytes(newest, bytes[..(bytes.Length / 2)]);

            var checkpoint = GanCheckpoint.Open(dir);
            Assert.AreEqual(Path.Combine(dir, "ckpt-00000004.zip"), checkpoint.Path);
            Assert.AreEqual(1, checkpoint.Skipped.Count);
            StringAssert.StartsWith(checkpoint.Skipped[0], "ckpt-00000006.zip: ");

            var resumed = Options(8, dir);
            resumed.CheckpointEvery = 0;
            resumed.ResumeFrom = dir;
            var run = Train(resumed);
            CollectionAssert.AreEqual(Enumerable.Range(0, 8).ToArray(), run.Log.Steps.ToArray(), "resumed at 4, ran to 8");
            Assert.IsTrue(run.Warnings.Any(w => w.Contains("skipped unreadable ckpt-00000006.zip")), string.Join("; ", run.Warnings));
            Assert.IsTrue(run.Warnings.Any(w => w.Contains("continuing from ckpt-00000004.zip (step 4)")), string.Join("; ", run.Warnings));

            foreach (var file in Directory.GetFiles(dir)) File.WriteAllText(file, "junk");
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => GanCheckpoint.Open(dir)).Message, "no readable checkpoint");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void StepsAtOrBelowTheResumedStepAreAClearError()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-hygiene-{Guid.NewGuid():N}");
        try
        {
            Train(Options(4, dir));
            var ml = new MLContext(1);
            foreach (int steps in new[] { 4, 2 })
            {
                var again = Options(steps, dir);
                again.ResumeFrom = dir;
                var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(again).Fit(ml.Gan().Data.GaussianRing(count: 100, seed: 1)));
                Assert.AreEqual("Steps", ex.ParamName);
                StringAssert.Contains(ex.Message, "already completed 4 steps");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
