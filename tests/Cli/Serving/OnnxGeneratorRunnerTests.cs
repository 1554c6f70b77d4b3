using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Serving;

[TestClass]
public sealed class OnnxGeneratorRunnerTests
{
    [TestMethod]
    public void ReadsMetadataAndShapes()
    {
        using var g = new OnnxGeneratorRunner(TestModels.Mlp());
        Assert.AreEqual(3, g.LatentDimension);
        Assert.AreEqual(LatentDistribution.Uniform, g.Metadata.LatentDistribution);
        CollectionAssert.AreEqual(new[] { 2 }, g.SampleShape);
        Assert.AreEqual((-1.0, 1.0), g.Metadata.ValueRange);
        Assert.AreEqual("wasserstein", g.Metadata.LossFamily);
        Assert.AreEqual(42, g.Metadata.Seed);
        Assert.AreEqual("mlp", g.Metadata.Architecture);
        CollectionAssert.AreEqual(new long[] { -1, 3 }, g.InputShape);
        Assert.AreEqual("z", g.InputName);
        Assert.AreEqual("x", g.OutputName);
    }

    [TestMethod]
    public void MissingMetadata_FallsBackToGraphShapesAndGaussian()
    {
        using var g = new OnnxGeneratorRunner(TestModels.Mlp(withMetadata: false));
        Assert.AreEqual(3, g.LatentDimension);
        Assert.AreEqual(LatentDistribution.Gaussian, g.Metadata.LatentDistribution);
        CollectionAssert.AreEqual(new[] { 2 }, g.SampleShape);
        Assert.IsNull(g.Metadata.ValueRange);
    }

    [TestMethod]
    public void Generate_MatchesPlainForwardPass()
    {
        using var g = new OnnxGeneratorRunner(TestModels.Mlp());
        var z = g.SampleLatent(50, seed: 9);
        Assert.IsTrue(z.SelectMany(r => r).All(v => v >= -1 && v <= 1), "uniform latent from metadata");
        var x = g.Generate(z);
        for (int n = 0; n < z.Length; n++)
        {
            var want = TestModels.Forward(z[n]);
            for (int i = 0; i < want.Length; i++) Assert.AreEqual(want[i], x[n][i], 1e-5, $"sample {n}, coordinate {i}");
        }
        Assert.ThrowsExactly<ArgumentException>(() => g.Generate([new float[2]]));
    }

    [TestMethod]
    public void RejectsModelsThatAreNotLatentToSampleGenerators()
    {
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(TestModels.FixedBatch())).Message, "dynamic batch");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(TestModels.TwoInputs())).Message, "exactly one input");
        Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(TestModels.Rank3Input()));
        Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner("not a model"u8.ToArray()));
        Assert.ThrowsExactly<FileNotFoundException>(() => new OnnxGeneratorRunner("/nonexistent/model.onnx"));
    }

    [TestMethod]
    public void RejectsMetadataThatContradictsTheGraph()
    {
        var model = OnnxModelFile.Parse(TestModels.Mlp());
        model.MetadataProps.Single(e => e.Key == "mlgan.latent_dimension").Value = "5";
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(Google.Protobuf.MessageExtensions.ToByteArray(model))).Message, "latent_dimension");
        model = OnnxModelFile.Parse(TestModels.Mlp());
        model.MetadataProps.Single(e => e.Key == "mlgan.output_shape").Value = "1,28,28";
        Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(Google.Protobuf.MessageExtensions.ToByteArray(model)));
        model.MetadataProps.Single(e => e.Key == "mlgan.output_shape").Value = "2";
        model.MetadataProps.Single(e => e.Key == "mlgan.latent_distribution").Value = "cauchy";
        Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(Google.Protobuf.MessageExtensions.ToByteArray(model)));
    }

    [TestMethod]
    public void ServesWhatMlGanWrites_UnboundedRangeAndIntegerSeed()
    {
        // GeneratorTransformer writes value_range "unbounded" for a linear output layer: no range, not an error.
        var model = OnnxModelFile.Parse(TestModels.Mlp());
        model.MetadataProps.Single(e => e.Key == "mlgan.value_range").Value = "unbounded";
        using (var g = new OnnxGeneratorRunner(Google.Protobuf.MessageExtensions.ToByteArray(model)))
            Assert.IsNull(g.Metadata.ValueRange);
        model.MetadataProps.Single(e => e.Key == "mlgan.seed").Value = "forty-two";
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => new OnnxGeneratorRunner(Google.Protobuf.MessageExtensions.ToByteArray(model))).Message, "mlgan.seed");
    }
}
