using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Cli.Serving;
using MlGan.Transforms;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests;

/// <summary>Console.Error is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ExportCommandTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var (code, _, error) = TestSupport.CliRunner.Run(args);
        return (code, error);
    }

    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"mlgan-export-{Guid.NewGuid():N}{ext}");

    [TestMethod]
    public void ExportsTheZipsGeneratorAsLatentToSampleOnnxWithMetadata()
    {
        var ml = new MLContext(1);
        using var g = new GeneratorTransformer(ml, new MlpGenerator(3, [2], 8, 1, OutputActivation.Tanh, seed: 2),
            new GeneratorMetadata(3, LatentDistribution.Uniform, [2], "mlp", "rs", 7, (-1, 1)));
        var latents = ml.Gan().Data.Latent(3, 6, seed: 1);
        string zip = Temp(".zip"), onnx = Temp(".onnx");
        try
        {
            ml.Model.Save(g, latents.Schema, zip);
            var (code, error) = Run("export", zip, "--out", onnx);
            Assert.AreEqual(0, code, error);
            var proto = OnnxModelFile.Load(onnx);
            Assert.AreEqual("latent", proto.Graph.Input.Single().Name);
            Assert.AreEqual("sample", proto.Graph.Output.Single().Name);
            var meta = GeneratorMetadata.FromProperties(OnnxModelFile.Metadata(proto), onnx);
            Assert.AreEqual("rs", meta.LossFamily);
            Assert.AreEqual(7, meta.Seed);
            Assert.AreEqual(LatentDistribution.Uniform, meta.LatentDistribution);
            Assert.IsFalse(Directory.GetFiles(Path.GetDirectoryName(onnx)!, $".{Path.GetFileName(onnx)}.*.tmp").Any(), "no temporary file left");

            // The exported file runs in plain ONNX Runtime and matches the TorchSharp generator.
            using var served = new OnnxGeneratorRunner(onnx);
            var z = latents.GetColumn<float[]>("Latent").ToArray();
            var expected = g.Generate(z);
            var actual = served.Generate(z);
            for (int i = 0; i < z.Length; i++)
                for (int j = 0; j < 2; j++)
                    Assert.AreEqual(expected[i][j], actual[i][j], 1e-5f);
        }
        finally
        {
            File.Delete(zip);
            File.Delete(onnx);
        }
    }

    [TestMethod]
    public void MissingOrNonModelInputExitsWithAMessage()
    {
        string onnx = Temp(".onnx"), junk = Temp(".zip");
        var (code, error) = Run("export", "/nonexistent/model.zip", "--out", onnx);
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        StringAssert.StartsWith(error, "mlgan export: ");
        StringAssert.Contains(error, "does not exist");
        Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);
        try
        {
            File.WriteAllText(junk, "PK\u0003\u0004 not really a zip");
            (code, error) = Run("export", junk, "--out", onnx);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.Contains(error, junk);
            Assert.IsFalse(File.Exists(onnx));
        }
        finally
        {
            File.Delete(junk);
        }
    }
}
