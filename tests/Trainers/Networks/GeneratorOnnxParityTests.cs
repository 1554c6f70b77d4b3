using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Networks;

/// <summary>Each generator's ONNX graph (run by ONNX Runtime through GeneratorTransformer) equals its TorchSharp forward.</summary>
[TestClass]
public sealed class GeneratorOnnxParityTests
{
    private static void AssertParity(GeneratorModule generator)
    {
        // Move BatchNorm running statistics and affine parameters off their defaults so the test can see them.
        using (var _ = no_grad())
        {
            generator.train();
            var gen = new torch.Generator(3);
            for (int i = 0; i < 3; i++) generator.forward(randn(16, generator.LatentDimension, generator: gen) * 2 + 0.5);
            foreach (var (name, p) in generator.named_parameters())
                if (p.dim() == 1 && p.requires_grad) p.add_(randn(p.shape, generator: gen) * 0.1);
        }
        var ml = new MLContext(1);
        var metadata = new GeneratorMetadata(generator.LatentDimension, LatentDistribution.Gaussian, generator.OutputShape,
            generator.Architecture, "js", 0);
        using var transformer = new GeneratorTransformer(ml, generator, metadata);
        var latents = ml.Gan().Data.Latent(generator.LatentDimension, 64, seed: 9);
        var onnx = transformer.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        var torchOut = transformer.Generate(latents.GetColumn<float[]>("Latent").ToArray());
        Assert.AreEqual(64, onnx.Length);
        double max = 0, scale = 0;
        for (int r = 0; r < onnx.Length; r++)
        {
            Assert.AreEqual(generator.OutputSize, onnx[r].Length);
            for (int j = 0; j < onnx[r].Length; j++)
            {
                max = Math.Max(max, Math.Abs(onnx[r][j] - torchOut[r][j]));
                scale = Math.Max(scale, Math.Abs(torchOut[r][j]));
            }
        }
        Assert.IsTrue(scale > 1e-3, $"outputs are all ~0 ({scale}); the test would be vacuous");
        Assert.IsTrue(max <= 1e-5, $"{generator.Architecture}: ORT vs TorchSharp max abs {max}");
    }

    [TestMethod]
    public void MlpLinearOutput() => AssertParity(new MlpGenerator(3, [2], width: 16, seed: 1));

    [TestMethod]
    public void MlpTanhImageOutput() => AssertParity(new MlpGenerator(4, [1, 4, 4], width: 8, hiddenLayers: 1, OutputActivation.Tanh, seed: 2));

    [TestMethod]
    public void HiddenLayer() => AssertParity(new HiddenLayerGenerator(2, 3, width: 32, seed: 3));

    [TestMethod]
    public void Dcgan28x28() => AssertParity(new DcganGenerator(8, width: 4, seed: 4));

    [TestMethod]
    public void ResNet28x28() => AssertParity(new ResNetGenerator(8, width: 4, seed: 5));

    [TestMethod]
    public void DcganThreeChannels16x16() => AssertParity(new DcganGenerator(5, width: 2, imageShape: [3, 16, 16], seed: 6));
}
