using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.Networks;
using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Extending;

/// <summary>docs/extending.md, recipe 2: a user's networks plug into the trainer options, with and without the ONNX contract.</summary>
[TestClass]
public sealed class CustomNetworkTests
{
    private static GanTrainerOptions Options(GanNetwork network) => new()
    {
        Network = network, Width = 16, LatentDimension = 2, BatchSize = 32, Steps = 30, LogEvery = 10, Seed = 7,
    };

    /// <summary>Plain TorchSharp modules from a factory: the critic sees the spec's sample shape, the generator maps k → n.</summary>
    private static GanNetwork PlainModules() => GanNetwork.FromFactory("plain-mlp", spec =>
    {
        int n = (int)spec.SampleShape.Aggregate(1L, (a, b) => a * b);
        var g = nn.Sequential(nn.Linear(spec.LatentDimension, spec.Width), nn.ReLU(), nn.Linear(spec.Width, n));
        var d = nn.Sequential(nn.Linear(n, spec.Width), nn.LeakyReLU(0.2), nn.Linear(spec.Width, 1));
        return (g, d);
    });

    [TestMethod]
    public void PlainTorchSharpModulesTrainAndExportSaysWhatToImplement()
    {
        var ml = new MLContext(1);
        using var generator = ml.Gan().Trainers.Gan(Options(PlainModules())).Fit(ml.Gan().Data.GaussianRing(count: 500, seed: 1));
        Assert.AreEqual("plain-mlp", generator.Metadata.Architecture);
        Assert.AreEqual(30, generator.GanTraining().Steps);
        Assert.IsTrue(generator.GanTraining().Log.Column("d_loss").All(v => v is { } x && double.IsFinite(x)));
        var samples = generator.Generate(ml.Gan().Data.Latent(2, 8, seed: 3).GetColumn<float[]>("Latent").ToArray());
        Assert.IsTrue(samples.Length == 8 && samples.All(s => s.Length == 2 && s.All(float.IsFinite)));

        var path = Path.Combine(Path.GetTempPath(), $"mlgan-plain-{Guid.NewGuid():N}.onnx");
        var ex = Assert.ThrowsExactly<NotSupportedException>(() => generator.ExportOnnx(path));
        StringAssert.Contains(ex.Message, "IOnnxExportableGenerator");
        StringAssert.Contains(ex.Message, "AppendOnnx");
        Assert.IsFalse(File.Exists(path), "no partial file");
    }

    [TestMethod]
    public void AUserGeneratorWithTheOnnxContractExportsAndMatchesTorch()
    {
        var network = GanNetwork.FromFactory("two-layer", spec =>
            (new TwoLayerGenerator(spec.LatentDimension, spec.SampleShape, spec.Width),
             nn.Sequential(nn.Linear(spec.SampleShape[0], spec.Width), nn.LeakyReLU(0.2), nn.Linear(spec.Width, 1))));
        var ml = new MLContext(1);
        using var generator = ml.Gan().Trainers.Gan(Options(network)).Fit(ml.Gan().Data.GaussianRing(count: 500, seed: 1));
        Assert.AreEqual("two-layer-tanh", generator.Metadata.Architecture);
        var latents = ml.Gan().Data.Latent(2, 16, seed: 5);
        var viaOnnx = generator.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        var viaTorch = generator.Generate(latents.GetColumn<float[]>("Latent").ToArray());
        double worst = viaOnnx.Zip(viaTorch).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
        Assert.IsTrue(worst < 1e-5, $"ONNX vs TorchSharp max |Δ| = {worst}");
    }

    [TestMethod]
    public void RegisteredNetworksAreReachableByNameAndClashesAreRefused()
    {
        GanNetworks.Register(new SquareNetwork());
        Assert.IsInstanceOfType<SquareNetwork>(GanNetworks.ByName("Square"));
        CollectionAssert.IsSubsetOf(new[] { "mlp", "hidden-layer", "dcgan", "resnet", "square" }, GanNetworks.Names.ToArray());
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => GanNetworks.Register(GanNetwork.FromFactory("mlp", _ => throw new InvalidOperationException()))).Message, "taken");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => GanNetworks.ByName("nope")).Message, "Valid names");
    }

    [TestMethod]
    public void ANetworksShapeRuleIsCheckedBeforeData()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MLContext(1).Gan().Trainers.Gan(Options(new SquareNetwork())));
        Assert.AreEqual("ImageShape", ex.ParamName);
    }

    /// <summary>A registered network with its own shape rule (it wants square images).</summary>
    private sealed class SquareNetwork : GanNetwork
    {
        public override string Name => "square";

        public override void ValidateShape(long[]? imageShape, string optionName)
        {
            if (imageShape is not { Length: 3 } s || s[1] != s[2]) throw new ArgumentException($"square needs square (C, H, W) images in {optionName}.", optionName);
        }

        public override (MlGan.Transforms.Generators.GeneratorModule, Discriminators.DiscriminatorModule) Create(GanNetworkSpec spec) =>
            Dcgan.Create(spec);
    }
}
