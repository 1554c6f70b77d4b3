using System.Text.Json;
using Microsoft.ML;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Transforms;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Cli.Tests;

/// <summary>`mlgan info`: the summary of a model zip, a generator .onnx and a training checkpoint, as text and JSON.</summary>
[TestClass]
[DoNotParallelize]
public sealed class InfoCommandTests
{
    private static string Temp() => Directory.CreateTempSubdirectory("mlgan-info-").FullName;

    [TestMethod]
    public void ModelZipAndItsOnnxExportSayWhatTheGeneratorIs()
    {
        string dir = Temp();
        try
        {
            var ml = new MLContext(1);
            var generator = new DcganGenerator(6, 2, [1, 8, 8], seed: 1);
            long parameters = generator.parameters().Sum(p => p.numel()) + generator.buffers().Where(b => b.dtype == TorchSharp.torch.ScalarType.Float32).Sum(b => b.numel());
            using var g = new GeneratorTransformer(ml, generator,
                new GeneratorMetadata(6, LatentDistribution.Uniform, [1, 8, 8], "dcgan", "wgan-gp", 42, (-1, 1)));
            string zip = Path.Combine(dir, "model.zip"), onnx = Path.Combine(dir, "G.onnx");
            ml.Model.Save(g, ml.Gan().Data.Latent(6, 1, seed: 0).Schema, zip);
            g.ExportOnnx(onnx);

            var (code, output, error) = CliRunner.Run("info", zip);
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "ML.NET model zip");
            StringAssert.Contains(output, "architecture:   dcgan");
            StringAssert.Contains(output, "z ∈ R^6, uniform");
            StringAssert.Contains(output, "[1, 8, 8], range [-1, 1]");
            StringAssert.Contains(output, "loss:           wgan-gp");
            StringAssert.Contains(output, "training steps: (not recorded)");

            (code, output, error) = CliRunner.Run("info", onnx, "--json");
            Assert.AreEqual(0, code, error);
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            Assert.AreEqual("ONNX generator", root.GetProperty("kind").GetString());
            Assert.AreEqual(6, root.GetProperty("latent_dimension").GetInt32());
            Assert.AreEqual("uniform", root.GetProperty("latent_distribution").GetString());
            CollectionAssert.AreEqual(new long[] { 1, 8, 8 }, root.GetProperty("sample_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());
            Assert.AreEqual(42, root.GetProperty("seed").GetInt32());
            Assert.AreEqual(JsonValueKind.Null, root.GetProperty("training_steps").ValueKind);
            // Every float weight and BatchNorm statistic is one initializer value of the graph.
            Assert.AreEqual(parameters, root.GetProperty("parameters").GetInt64());
            StringAssert.StartsWith(root.GetProperty("inputs")[0].GetString(), "latent: float32 [N, 6]");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void CheckpointReportsItsStepsCriticAndLoss()
    {
        string dir = Temp();
        try
        {
            var (code, _, error) = CliRunner.Run("train", "--family", "wgan-gp", "--net", "mlp", "--width", "8", "--data", "ring8",
                "--count", "256", "--latent-dim", "3", "--steps", "4", "--checkpoint-every", "2", "--out", dir);
            Assert.AreEqual(0, code, error);
            string checkpoints = Path.Combine(dir, "checkpoints");
            (code, var output, error) = CliRunner.Run("info", checkpoints, "--json");
            Assert.AreEqual(0, code, error);
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            StringAssert.StartsWith(root.GetProperty("kind").GetString(), "MlGan training checkpoint");
            Assert.AreEqual(4, root.GetProperty("training_steps").GetInt64());
            Assert.AreEqual("mlp", root.GetProperty("architecture").GetString());
            Assert.AreEqual("mlp", root.GetProperty("discriminator").GetString());
            Assert.AreEqual(3, root.GetProperty("latent_dimension").GetInt32());
            StringAssert.EndsWith(root.GetProperty("file").GetString(), "ckpt-00000004.zip");
            StringAssert.Contains(root.GetProperty("source").GetString(), "step 4 of 4");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void UnreadableFileIsOneLineAndExitTwo()
    {
        string dir = Temp();
        try
        {
            string junk = Path.Combine(dir, "junk.onnx");
            File.WriteAllText(junk, "definitely not a model");
            var (code, _, error) = CliRunner.Run("info", junk);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.StartsWith(error, "mlgan info: ");
            StringAssert.Contains(error, junk);
            Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);

            (code, _, error) = CliRunner.Run("info", Path.Combine(dir, "missing.zip"));
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.Contains(error, "does not exist");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
