using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using MlGan.Transforms.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Gan;

/// <summary>Estimators are immutable recipes; fitted generators never run stale weights.</summary>
[TestClass]
public sealed class EstimatorStateTests
{
    [TestMethod]
    public void ChangingOptionsAfterConstructionDoesNotChangeTheTrainer()
    {
        var ml = new MLContext(1);
        var options = new GanTrainerOptions { Width = 8, HiddenLayers = 1, LatentDimension = 2, BatchSize = 16, Steps = 6, LogEvery = 1, Seed = 2 };
        var trainer = ml.Gan().Trainers.Gan(options);
        options.Steps = 2;
        options.Width = 4;
        options.Regularizers.Add(new MlGan.Trainers.Regularizers.R1Penalty(1));
        using var generator = trainer.Fit(ml.Gan().Data.GaussianRing(count: 64, seed: 1));
        Assert.AreEqual(6, generator.GanTraining().Steps);
        Assert.AreEqual(6, generator.GanTraining().Log.Count);
        Assert.AreEqual(8, trainer.Options.Width);
        Assert.AreEqual(0, trainer.Options.Regularizers.Count);
        trainer.Options.Steps = 1; // a copy: the trainer is unchanged
        Assert.AreEqual(6, trainer.Options.Steps);

        var rf = new RandomFeatureWganOptions { GeneratorWidth = 40, DiscriminatorWidth = 10, Steps = 3, LogEvery = 1, BatchSize = 16, GaussNewtonBatchSize = 16, EvaluationSampleSize = 32, Seed = 1 };
        var rfTrainer = ml.Gan().Trainers.RandomFeatureWgan(rf);
        rf.Steps = 1;
        using var rfGenerator = rfTrainer.Fit(ml.Gan().Data.GaussianRing(count: 64, seed: 1));
        Assert.AreEqual(3, rfGenerator.RandomFeatureTraining().Steps);
    }

    [TestMethod]
    public void TrainingTheFittedGeneratorFurtherReachesTransformSaveAndExport()
    {
        var ml = new MLContext(1);
        var data = ml.Gan().Data.GaussianRing(count: 128, seed: 1);
        using var generator = ml.Gan().Trainers.JsGan(width: 8, steps: 3, seed: 2).Fit(data);
        var latents = ml.Gan().Data.Latent(generator.LatentDimension, 16, seed: 5);
        var rows = latents.GetColumn<float[]>("Latent").ToArray();
        var before = generator.Transform(latents).GetColumn<float[]>("Generated").ToArray();

        // Ten further Adam steps on the public network: pull every sample towards (1, 1).
        var network = generator.Generator;
        network.train();
        using (var optimizer = optim.Adam(network.parameters(), 0.05))
            for (int i = 0; i < 10; i++)
            {
                using var scope = NewDisposeScope();
                var z = torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, generator.LatentDimension]);
                var loss = (network.forward(z) - 1).square().mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        network.eval();
        var torchNow = generator.Generate(rows);
        Assert.IsTrue(MaxAbs(before, torchNow) > 1e-2, "the further training moved the outputs");

        var viaTransform = generator.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        Assert.IsTrue(MaxAbs(torchNow, viaTransform) < 1e-5, "Transform runs the new weights");
        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-further-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            ml.Model.Save(generator, latents.Schema, Path.Combine(dir, "model.zip"));
            var loaded = new MLContext(2).Model.Load(Path.Combine(dir, "model.zip"), out _);
            Assert.IsTrue(MaxAbs(torchNow, loaded.Transform(latents).GetColumn<float[]>("Generated").ToArray()) < 1e-5, "Save holds the new weights");
            generator.ExportOnnx(Path.Combine(dir, "g.onnx"));
            using var runner = new OnnxGeneratorRunner(Path.Combine(dir, "g.onnx"));
            Assert.IsTrue(MaxAbs(torchNow, runner.Generate(rows)) < 1e-5, "ExportOnnx holds the new weights");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double MaxAbs(float[][] a, float[][] b) => a.Zip(b).Max(p => p.First.Zip(p.Second).Max(q => (double)Math.Abs(q.First - q.Second)));
}
