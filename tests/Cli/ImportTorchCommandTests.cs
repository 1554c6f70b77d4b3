using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Trainers.Interop;
using MlGan.Transforms;
using MlGan.Transforms.Onnx;
using TorchSharp;

namespace MlGan.Cli.Tests;

/// <summary>
/// `mlgan import-torch`: generators built and run by Debian's PyTorch (tools/mlgan_torch_layouts.py, seeded weights
/// and BatchNorm statistics, eval mode) give the same samples in MlGan's TorchSharp network, in the model zip's ONNX
/// (ML.NET) and in the exported ONNX (ONNX Runtime).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ImportTorchCommandTests
{
    private static string Temp() => Directory.CreateTempSubdirectory("mlgan-import-").FullName;

    /// <summary>Runs the layouts script; returns its latents (or critic inputs) and eval-mode outputs.</summary>
    private static (float[] Inputs, float[] Outputs) PyTorch(string dir, string weights, params string[] args)
    {
        string inputs = Path.Combine(dir, "in.f32"), outputs = Path.Combine(dir, "out.f32");
        DebianPython.Run([RepoFiles.Path("tools", "mlgan_torch_layouts.py"), .. args, "--save", weights, "--inputs", inputs, "--outputs", outputs]);
        static float[] Read(string f) => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(f))];
        return (Read(inputs), Read(outputs));
    }

    private static float[][] Rows(float[] flat, int width) => [.. flat.Chunk(width)];

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.HasCount(expected.Length, actual);
        double scale = expected.Max(v => Math.Abs(v));
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-5 * Math.Max(1, scale), $"{what}: value {i}");
    }

    private static void CheckThreeWays(string dir, string weights, float[] z, float[] x, int k, string[] importArgs)
    {
        string zip = Path.Combine(dir, "model.zip"), onnx = Path.Combine(dir, "G.onnx");
        var (code, _, error) = CliRunner.Run(["import-torch", weights, .. importArgs, "--out", zip]);
        Assert.AreEqual(0, code, error);
        (code, _, error) = CliRunner.Run("export", zip, "--out", onnx);
        Assert.AreEqual(0, code, error);

        using var runner = new OnnxGeneratorRunner(onnx);
        AssertClose(x, [.. runner.Generate(Rows(z, k)).SelectMany(r => r)], "exported ONNX (ONNX Runtime) vs PyTorch");

        var ml = new MLContext(1);
        using var loaded = ml.Gan().LoadGenerator(zip);
        var schema = SchemaDefinition.Create(typeof(LatentRow));
        schema["Latent"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        var view = ml.Data.LoadFromEnumerable(Rows(z, k).Select(r => new LatentRow { Latent = r }), schema);
        AssertClose(x, [.. loaded.Transform(view).GetColumn<float[]>("Generated").SelectMany(r => r)], "model zip through ML.NET vs PyTorch");
    }

    private sealed class LatentRow
    {
        public float[] Latent { get; set; } = [];
    }

    [TestMethod]
    public void SequentialDcganFromPyTorchMatchesInTorchSharpMlNetAndOnnxRuntime()
    {
        string dir = Temp();
        try
        {
            string weights = Path.Combine(dir, "G.pt");
            var (z, x) = PyTorch(dir, weights, "--net", "dcgan", "--latent", "8", "--width", "4", "--shape", "1,28,28", "--seed", "3", "--count", "5");
            Assert.HasCount(5 * 28 * 28, x);

            // MlGan's own network with the file's weights (TorchSharp).
            var import = new PyTorchGeneratorImport { Network = "dcgan", LatentDimension = 8, Width = 4, SampleShape = [1, 28, 28] };
            var (generator, layout) = import.LoadNetwork(weights);
            using (generator)
            using (var scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                Assert.AreEqual(PyTorchLayout.Sequential, layout);
                var output = generator.forward(torch.tensor(z, [5, 8]));
                AssertClose(x, output.data<float>().ToArray(), "TorchSharp vs PyTorch");
            }
            CheckThreeWays(dir, weights, z, x, 8, ["--net", "dcgan", "--latent", "8", "--width", "4", "--shape", "1,28,28"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void ResNetWithMlGanNamesAndSequentialMlpImportExactly()
    {
        string dir = Temp();
        try
        {
            string resnet = Path.Combine(dir, "R.pt");
            var (z, x) = PyTorch(dir, resnet, "--net", "resnet", "--latent", "6", "--width", "3", "--shape", "3,8,8", "--seed", "4", "--count", "4");
            CheckThreeWays(dir, resnet, z, x, 6, ["--net", "resnet", "--latent", "6", "--width", "3", "--shape", "3,8,8", "--layout", "mlgan"]);

            string mlp = Path.Combine(dir, "M.pt");
            (z, x) = PyTorch(dir, mlp, "--net", "mlp", "--latent", "3", "--width", "7", "--shape", "2", "--hidden", "3", "--seed", "5", "--count", "6");
            CheckThreeWays(dir, mlp, z, x, 3, ["--net", "mlp", "--latent", "3", "--width", "7", "--shape", "2", "--hidden-layers", "3"]);

            var (code, output, error) = CliRunner.Run("info", Path.Combine(dir, "model.zip"));
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "mlp");
            StringAssert.Contains(output, "PyTorch state_dict M.pt (Sequential names)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void WeightsOfOtherSizesOrAnotherNetAreOneLineErrors()
    {
        string dir = Temp();
        try
        {
            string weights = Path.Combine(dir, "G.pt");
            PyTorch(dir, weights, "--net", "dcgan", "--latent", "8", "--width", "4", "--shape", "1,28,28", "--count", "1");
            string zip = Path.Combine(dir, "model.zip");

            var (code, _, error) = CliRunner.Run("import-torch", weights, "--net", "dcgan", "--latent", "8", "--width", "5", "--shape", "1,28,28", "--out", zip);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.StartsWith(error, "mlgan import-torch: ");
            StringAssert.Contains(error, "has shape [");
            StringAssert.Contains(error, "width");
            Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);

            (code, _, error) = CliRunner.Run("import-torch", weights, "--net", "resnet", "--latent", "8", "--width", "4", "--shape", "1,28,28", "--out", zip);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.Contains(error, "does not fit ResNetGenerator");
            StringAssert.Contains(error, "missing");

            File.WriteAllText(Path.Combine(dir, "junk.pt"), "not a state dict");
            (code, _, error) = CliRunner.Run("import-torch", Path.Combine(dir, "junk.pt"), "--net", "dcgan", "--latent", "8", "--width", "4", "--shape", "1,28,28", "--out", zip);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.Contains(error, "neither a PyTorch state_dict");
            Assert.IsFalse(File.Exists(zip));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
