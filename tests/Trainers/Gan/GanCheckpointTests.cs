using MlGan.Transforms.Training;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using MlGan.Trainers.Checkpoints;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Dynamics;
using MlGan.Transforms;
using MlGan.Transforms.Onnx;

namespace MlGan.Trainers.Tests.Gan;

[TestClass]
public sealed class GanCheckpointTests
{
    private static readonly float[][] Probe = [[0.3f, -1.2f], [1.5f, 0.1f], [-0.7f, -0.4f]];

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static GanTrainerOptions Options(string config, int steps) => config switch
    {
        // WGAN-GP + EMA exercises both optimisers, both random streams (latents and penalty ε) and the EMA state.
        "wgan-gp-ema" => new()
        {
            Loss = new WassersteinGanLoss(), GradientPenalty = 10, DiscriminatorSteps = 2, EmaDecay = 0.9, Width = 8, HiddenLayers = 1,
            LatentDimension = 2, BatchSize = 16, Steps = steps, LogEvery = 1, Seed = 5,
        },
        "js-sgd" => new()
        {
            Loss = new JsNonSaturatingGanLoss(), Width = 8, HiddenLayers = 1, LatentDimension = 2, BatchSize = 16, Steps = steps, LogEvery = 1, Seed = 6,
            GeneratorOptimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.05), DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.05),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(config)),
    };

    private static (TrainingLog Log, float[][] Samples, GanTrainingResult Result) Train(GanTrainerOptions options)
    {
        var ml = new MLContext(1);
        // 100 rows at batch 16: the 40 steps wrap several epochs, so the data position matters.
        var data = ml.Gan().Data.GaussianRing(count: 100, seed: 1);
        var trainer = ml.Gan().Trainers.Gan(options);
        using var g = trainer.Fit(data);
        return (g.GanTraining().Log, g.Generate(Probe), g.GanTraining());
    }

    [TestMethod]
    [DataRow("wgan-gp-ema")]
    [DataRow("js-sgd")]
    public void TwentyStepsPlusResumeEqualsFortyStraight(string config)
    {
        string dir = TempDir();
        try
        {
            var straight = Train(Options(config, 40));

            var first = Options(config, 20);
            first.CheckpointEvery = 20;
            first.CheckpointDirectory = dir;
            Train(first);
            var resumed = Options(config, 40);
            resumed.ResumeFrom = dir;
            resumed.Seed = null; // the checkpoint's seed is used
            var second = Train(resumed);

            CollectionAssert.AreEqual(straight.Log.Steps.ToArray(), second.Log.Steps.ToArray(), "the resumed log holds all 40 rows");
            foreach (var q in GanStepper.QuantityNames)
            {
                var a = straight.Log.Column(q);
                var b = second.Log.Column(q);
                for (int i = 0; i < a.Count; i++)
                    Assert.AreEqual(a[i]!.Value, b[i]!.Value, 1e-9 * (1 + Math.Abs(a[i]!.Value)), $"{q} at step {i}");
            }
            for (int i = 0; i < Probe.Length; i++)
                for (int j = 0; j < straight.Samples[i].Length; j++)
                    Assert.AreEqual(straight.Samples[i][j], second.Samples[i][j], 1e-6f, $"generator output [{i}][{j}]");
            // And the run did move: the halfway generator differs from the final one.
            Assert.AreNotEqual(straight.Log.Column("g_loss")[19], straight.Log.Column("g_loss")[39]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void CheckpointHoldsManifestBlobsAndAnOnnxGenerator()
    {
        string dir = TempDir();
        try
        {
            var o = Options("wgan-gp-ema", 10);
            o.CheckpointEvery = 5;
            o.CheckpointDirectory = dir;
            var run = Train(o);
            CollectionAssert.AreEquivalent(new[] { "ckpt-00000005.zip", "ckpt-00000010.zip" },
                Directory.GetFiles(dir).Select(Path.GetFileName).ToArray(), "two checkpoints, no temporary files left");
            Assert.AreEqual(Path.Combine(dir, "ckpt-00000010.zip"), run.Result.LastCheckpoint);

            using (var zip = ZipFile.OpenRead(run.Result.LastCheckpoint!))
                CollectionAssert.IsSubsetOf(new[] { "manifest.json", "generator.bin", "discriminator.bin", "optimizer_generator.bin",
                    "optimizer_discriminator.bin", "ema.bin", "rng.bin", "generator.onnx" }, zip.Entries.Select(e => e.FullName).ToArray());
            var ckpt = GanCheckpoint.Open(run.Result.LastCheckpoint!);
            var m = ckpt.Manifest;
            Assert.AreEqual(GanCheckpointManifest.CurrentFormatVersion, m.FormatVersion);
            Assert.AreEqual(10, m.Step);
            Assert.AreEqual(5, m.Seed);
            Assert.AreEqual("Features", m.FeatureColumnName);
            Assert.AreEqual("Latent", m.LatentColumnName);
            Assert.AreEqual("Generated", m.OutputColumnName);
            Assert.IsTrue(m.HasEma);
            CollectionAssert.AreEqual(new long[] { 2 }, m.SampleShape);
            Assert.AreEqual(10, m.Log.Count);
            Assert.AreEqual(8, m.Options!["Width"]!.GetValue<int>());
            // The ONNX is the generator Fit returned at that step (EMA weights): same metadata.
            var onnx = OnnxModelFile.Parse(ckpt.GeneratorOnnx, "generator.onnx");
            var meta = GeneratorMetadata.FromProperties(OnnxModelFile.Metadata(onnx), "generator.onnx");
            Assert.AreEqual(2, meta.LatentDimension);
            Assert.AreEqual("wgan", meta.LossFamily);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void LeftoverTemporaryFileIsIgnoredAndTheLatestCompleteCheckpointIsUsed()
    {
        string dir = TempDir();
        try
        {
            var o = Options("js-sgd", 10);
            o.CheckpointEvery = 5;
            o.CheckpointDirectory = dir;
            Train(o);
            // A crash while writing step 15's checkpoint leaves only its hidden temporary file, half written.
            File.WriteAllBytes(Path.Combine(dir, ".ckpt-00000015.zip.0123456789abcdef.partial"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
            Assert.AreEqual(Path.Combine(dir, "ckpt-00000010.zip"), GanCheckpoint.FindLatest(dir));

            var resumed = Options("js-sgd", 12);
            resumed.ResumeFrom = dir;
            var run = Train(resumed);
            CollectionAssert.AreEqual(Enumerable.Range(0, 12).ToArray(), run.Log.Steps.ToArray(), "resumed at 10 and ran 2 more steps");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void BadResumeTargetsGiveClearErrors()
    {
        string dir = TempDir();
        try
        {
            var ml = new MLContext(1);
            var data = ml.Gan().Data.GaussianRing(count: 50, seed: 1);
            var empty = Options("js-sgd", 4);
            empty.ResumeFrom = dir;
            StringAssert.Contains(Assert.ThrowsExactly<FileNotFoundException>(() => ml.Gan().Trainers.Gan(empty).Fit(data)).Message, "no checkpoint");

            string junk = Path.Combine(dir, "ckpt-00000001.zip");
            File.WriteAllText(junk, "not a zip");
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => GanCheckpoint.Open(junk)).Message, junk);
            File.Delete(junk);

            var o = Options("js-sgd", 4);
            o.CheckpointEvery = 2;
            o.CheckpointDirectory = dir;
            Train(o);
            var wider = Options("js-sgd", 6);
            wider.Width = 16;
            wider.ResumeFrom = dir;
            var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(wider).Fit(data));
            StringAssert.Contains(ex.Message, "Cannot resume");
            Assert.AreEqual("Width", ex.ParamName);
            var ema = Options("js-sgd", 6);
            ema.EmaDecay = 0.5;
            ema.ResumeFrom = dir;
            Assert.AreEqual("EmaDecay", Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(ema).Fit(data)).ParamName);

            var noDir = Options("js-sgd", 4);
            noDir.CheckpointEvery = 2;
            Assert.AreEqual("CheckpointDirectory", Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(noDir)).ParamName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class CancelAt(MLContext ml, int step) : IProgress<TrainingStep>
    {
        public List<int> Seen { get; } = [];
        public void Report(TrainingStep value)
        {
            Seen.Add(value.Step);
            if (value.Step == step) ml.CancelExecution();
        }
    }

    [TestMethod]
    public void CancelExecutionFromAProgressCallbackStopsWithinOneStep()
    {
        var ml = new MLContext(1);
        var data = ml.Gan().Data.GaussianRing(count: 50, seed: 1);
        var progress = new CancelAt(ml, 3);
        var o = Options("js-sgd", 100);
        o.Progress = progress;
        var ex = Assert.ThrowsExactly<OperationCanceledException>(() => ml.Gan().Trainers.Gan(o).Fit(data));
        StringAssert.Contains(ex.Message, "step 4");
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, progress.Seen);
    }
}
