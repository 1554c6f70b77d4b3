using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;

namespace MlGan.Trainers.Tests.RandomFeature;

/// <summary>ONNX export and ML.NET persistence of a trained generator (the random-feature architecture).</summary>
[TestClass]
public sealed class GeneratorPersistenceTests
{
    private static GeneratorTransformer Train(MLContext ml) =>
        ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions
        {
            GeneratorWidth = 120, DiscriminatorWidth = 30, Steps = 20, LogEvery = 10, BatchSize = 64,
            EvaluationSampleSize = 500, LearningRate = 1e-3, Optimizer = ThetaOptimizer.Sgd, Seed = 5,
        }).Fit(ml.Gan().Data.GaussianRing(count: 500, seed: 1));

    private sealed class LatentRow
    {
        [VectorType(2)] public float[] Latent { get; set; } = Array.Empty<float>();
    }

    private sealed class GeneratedRow
    {
        [VectorType(2)] public float[] Generated { get; set; } = Array.Empty<float>();
    }

    [TestMethod]
    public void TransformEqualsTorchForwardAndApplyOnnxModelOverTheExportedFile()
    {
        var ml = new MLContext(1);
        using var generator = Train(ml);
        var latents = ml.Gan().Data.Latent(2, 64, seed: 9);
        var viaTransform = generator.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        var torch = generator.Generate(latents.GetColumn<float[]>("Latent").ToArray());
        Assert.IsTrue(MaxAbs(viaTransform, torch) <= 1e-5, $"ORT vs TorchSharp {MaxAbs(viaTransform, torch)}");

        string path = Path.Combine(Path.GetTempPath(), $"mlgan-rf-{Guid.NewGuid():N}.onnx");
        try
        {
            generator.ExportOnnx(path);
            var renamed = ml.Transforms.CopyColumns("latent", "Latent").Fit(latents).Transform(latents);
            var onnx = ml.Transforms.ApplyOnnxModel("sample", "latent", path).Fit(renamed).Transform(renamed);
            var viaFile = onnx.GetColumn<float[]>("sample").ToArray();
            Assert.AreEqual(0.0, MaxAbs(viaFile, viaTransform), 1e-6);
            var meta = MlGan.Transforms.Onnx.OnnxModelFile.Metadata(MlGan.Transforms.Onnx.OnnxModelFile.Load(path));
            Assert.AreEqual("2", meta[GeneratorMetadata.LatentDimensionKey]);
            Assert.AreEqual("random-feature", meta[GeneratorMetadata.ArchitectureKey]);
            Assert.AreEqual("wgan-l2", meta[GeneratorMetadata.LossFamilyKey]);
            Assert.AreEqual("5", meta[GeneratorMetadata.SeedKey]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ModelSaveLoadGivesIdenticalOutputsAloneInAChainAndThroughAPredictionEngine()
    {
        var ml = new MLContext(1);
        using var generator = Train(ml);
        var latents = ml.Gan().Data.Latent(2, 32, seed: 11);
        var expected = generator.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        string zip = Path.Combine(Path.GetTempPath(), $"mlgan-rf-{Guid.NewGuid():N}.zip");
        string chainZip = zip + ".chain.zip";
        try
        {
            ml.Model.Save(generator, latents.Schema, zip);
            var fresh = new MLContext(2);
            var loaded = fresh.Model.Load(zip, out _);
            Assert.AreEqual(0.0, MaxAbs(loaded.Transform(latents).GetColumn<float[]>("Generated").ToArray(), expected), 0.0);

            // Inside a chain with a built-in transform.
            var chain = new TransformerChain<ITransformer>(ml.Transforms.CopyColumns("LatentCopy", "Latent").Fit(latents), generator);
            ml.Model.Save(chain, latents.Schema, chainZip);
            var loadedChain = new MLContext(3).Model.Load(chainZip, out _);
            Assert.AreEqual(0.0, MaxAbs(loadedChain.Transform(latents).GetColumn<float[]>("Generated").ToArray(), expected), 0.0);

            var engine = fresh.Model.CreatePredictionEngine<LatentRow, GeneratedRow>(loaded);
            var first = latents.GetColumn<float[]>("Latent").First();
            CollectionAssert.AreEqual(expected[0], engine.Predict(new LatentRow { Latent = first }).Generated);
        }
        finally
        {
            File.Delete(zip);
            File.Delete(chainZip);
        }
    }

    [TestMethod]
    public void WrongLatentSizeIsRejectedWithTheColumnName()
    {
        var ml = new MLContext(1);
        using var generator = Train(ml);
        var ex = Assert.Throws<ArgumentException>(() => generator.Transform(ml.Gan().Data.Latent(3, 4, seed: 1)));
        StringAssert.Contains(ex.Message, "Latent");
    }

    [TestMethod]
    public void ExportToAnUnwritablePathFailsAndLeavesNoFile()
    {
        var ml = new MLContext(1);
        using var generator = Train(ml);
        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-missing-{Guid.NewGuid():N}");
        Assert.Throws<IOException>(() => generator.ExportOnnx(Path.Combine(dir, "g.onnx")));
        Assert.IsFalse(Directory.Exists(dir));
    }

    private static double MaxAbs(float[][] a, float[][] b)
    {
        Assert.AreEqual(a.Length, b.Length);
        return a.Zip(b).SelectMany(p => p.First.Zip(p.Second, (x, y) => (double)Math.Abs(x - y))).Max();
    }
}
