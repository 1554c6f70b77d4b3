using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Transforms;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Cli.Tests;

/// <summary>
/// `mlgan export --torch-fidelity`: torch-fidelity's ONNX generator contract, checked in ONNX Runtime against the
/// generator's own float samples mapped by hand, and by the ONNX checker of Debian's python3-onnx.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class TorchFidelityExportTests
{
    private static string Temp() => Directory.CreateTempSubdirectory("mlgan-fidelity-").FullName;

    /// <summary>(x − low)·255/(high − low), rounded half to even, clamped to [0, 255]: the contract's pixel.</summary>
    private static byte Pixel(float x, double low, double high) =>
        (byte)Math.Clamp(Math.Round((x - low) * (255.0 / (high - low)), MidpointRounding.ToEven), 0, 255);

    private static (byte[] Images, long[] Shape, string[] Inputs) RunImages(string onnx, float[][] z)
    {
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(z.SelectMany(r => r).ToArray(), [z.Length, z[0].Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputNames[0], input)]);
        var first = results.First();
        Assert.AreEqual(session.OutputNames[0], first.Name);
        var images = first.AsTensor<byte>(); // throws unless the first output is uint8
        return (images.ToArray(), images.Dimensions.ToArray().Select(d => (long)d).ToArray(), [.. session.InputNames]);
    }

    private static void CheckWithOnnxChecker(string onnx) =>
        DebianPython.Snippet("import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print('ok')", onnx);

    [TestMethod]
    public void GreyImageGeneratorBecomesZToUint8RgbWithItsPixelsMapped()
    {
        string dir = Temp();
        try
        {
            var ml = new MLContext(1);
            // A grey 8×12 image generator whose last layer is scaled up, so its tanh spans [-1, 1] and saturates at both ends.
            var network = new MlpGenerator(5, [1, 8, 12], 32, 1, OutputActivation.Tanh, seed: 4);
            using (TorchSharp.torch.no_grad())
                foreach (var (name, p) in network.named_parameters())
                    if (name.StartsWith("layers.1.", StringComparison.Ordinal)) p.mul_(12);
            using var g = new GeneratorTransformer(ml, network,
                new GeneratorMetadata(5, LatentDistribution.Gaussian, [1, 8, 12], "mlp", "hinge", 11, (-1, 1)));
            string zip = Path.Combine(dir, "model.zip"), onnx = Path.Combine(dir, "G.onnx");
            ml.Model.Save(g, ml.Gan().Data.Latent(5, 1, seed: 0).Schema, zip);
            var (code, output, error) = CliRunner.Run("export", zip, "--torch-fidelity", "--out", onnx);
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "--input1-model-z-size 5 --input1-model-z-type normal");

            var z = LatentSampler.Sample(5, 7, seed: 3, LatentDistribution.Gaussian);
            var (images, shape, inputs) = RunImages(onnx, z);
            CollectionAssert.AreEqual(new long[] { 7, 3, 8, 12 }, shape);
            CollectionAssert.AreEqual(new[] { "z" }, inputs);
            var samples = g.Generate(z); // float, [-1, 1], 1×8×12 per row
            int plane = 8 * 12, offByOne = 0;
            for (int n = 0; n < 7; n++)
                for (int c = 0; c < 3; c++)
                    for (int p = 0; p < plane; p++)
                    {
                        int expected = Pixel(samples[n][p], -1, 1), actual = images[(n * 3 + c) * plane + p];
                        // float32 vs float64 arithmetic may round a value within 1e-4 of a .5 boundary the other way.
                        Assert.IsLessThanOrEqualTo(1, Math.Abs(expected - actual), $"sample {n} channel {c} pixel {p}");
                        if (expected != actual) offByOne++;
                    }
            Assert.IsLessThanOrEqualTo(3, offByOne, $"{offByOne} pixels differ by one");
            Assert.IsGreaterThanOrEqualTo(50, images.Distinct().Count(), $"the pixels vary (min {images.Min()}, max {images.Max()})");
            Assert.IsTrue(images.Contains((byte)0) && images.Contains((byte)255), "clamped at both ends");
            CheckWithOnnxChecker(onnx);

            (code, output, error) = CliRunner.Run("info", onnx);
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "torch-fidelity contract");
            StringAssert.Contains(output, "images: uint8 [N, 3, 8, 12]");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void UniformLatentIsFedByTorchFidelitysUnitIntervalSampler()
    {
        string dir = Temp();
        try
        {
            var ml = new MLContext(1);
            using var g = new GeneratorTransformer(ml, new MlpGenerator(4, [3, 4, 4], 16, 1, OutputActivation.Tanh, seed: 2),
                new GeneratorMetadata(4, LatentDistribution.Uniform, [3, 4, 4], "mlp", "wgan", 1, (-1, 1)));
            string zip = Path.Combine(dir, "model.zip"), onnx = Path.Combine(dir, "G.onnx");
            ml.Model.Save(g, ml.Gan().Data.Latent(4, 1, seed: 0).Schema, zip);
            var (code, output, error) = CliRunner.Run("export", zip, "--torch-fidelity", "--out", onnx);
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "--input1-model-z-type uniform_0_1");

            var unit = new Random(5);
            float[][] u = [.. Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)unit.NextDouble()).ToArray())];
            var (images, shape, _) = RunImages(onnx, u);
            CollectionAssert.AreEqual(new long[] { 6, 3, 4, 4 }, shape);
            var samples = g.Generate([.. u.Select(r => r.Select(v => 2 * v - 1).ToArray())]);
            int differing = Enumerable.Range(0, images.Length).Count(i => images[i] != Pixel(samples[i / 48][i % 48], -1, 1));
            Assert.IsLessThanOrEqualTo(2, differing, $"{differing} pixels differ");
            CheckWithOnnxChecker(onnx);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void VectorOrUnboundedGeneratorsAreRefusedOnOneLine()
    {
        string dir = Temp();
        try
        {
            var ml = new MLContext(1);
            using var g = new GeneratorTransformer(ml, new MlpGenerator(2, [2], 8, 1, OutputActivation.Linear, seed: 2),
                new GeneratorMetadata(2, LatentDistribution.Gaussian, [2], "mlp", "wgan", 1));
            string zip = Path.Combine(dir, "model.zip"), onnx = Path.Combine(dir, "G.onnx");
            ml.Model.Save(g, ml.Gan().Data.Latent(2, 1, seed: 0).Schema, zip);
            var (code, _, error) = CliRunner.Run("export", zip, "--torch-fidelity", "--out", onnx);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.StartsWith(error, "mlgan export: ");
            StringAssert.Contains(error, "torch-fidelity takes images [N, 3, H, W]");
            Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);
            Assert.IsFalse(File.Exists(onnx));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
