using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Transforms.Tests;

[TestClass]
public sealed class LoadGeneratorTests
{
    private static GeneratorTransformer Generator(MLContext ml, string latent = "Latent", string output = "Generated") =>
        new(ml, new MlpGenerator(3, [2], 8, 1, OutputActivation.Tanh, seed: 4),
            new GeneratorMetadata(3, LatentDistribution.Uniform, [2], "mlp", "wgan", 11, (-1, 1)), output, latent);

    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"mlgan-load-{Guid.NewGuid():N}{ext}");

    private static float[][] Column(IDataView view, string name) => view.GetColumn<float[]>(name).ToArray();

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.AreEqual(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected[i].Length; j++)
                Assert.AreEqual(expected[i][j], actual[i][j], 1e-5f, $"[{i}][{j}]");
    }

    [TestMethod]
    public void ZipAndOnnxFileLoadBackWithMetadataAndIdenticalOutputs()
    {
        var ml = new MLContext(1);
        using var g = Generator(ml);
        var latents = ml.Gan().Data.Latent(3, 20, seed: 5);
        var expected = Column(g.Transform(latents), "Generated");
        string zip = Temp(".zip"), onnx = Temp(".onnx"), again = Temp(".zip");
        try
        {
            ml.Model.Save(g, latents.Schema, zip);
            using var loaded = new MLContext(2).Gan().LoadGenerator(zip);
            Assert.AreEqual(g.Metadata with { Raw = loaded.Metadata.Raw }, loaded.Metadata with { OutputShape = g.Metadata.OutputShape });
            CollectionAssert.AreEqual(new long[] { 2 }, loaded.Metadata.OutputShape);
            Assert.AreEqual(11, loaded.Metadata.Seed);
            Assert.AreEqual((-1.0, 1.0), loaded.Metadata.ValueRange);
            AssertClose(expected, Column(loaded.Transform(latents), "Generated"));
            // Also against the TorchSharp network itself (not only ONNX vs ONNX).
            AssertClose(g.Generate(Column(latents, "Latent")), Column(loaded.Transform(latents), "Generated"));

            loaded.ExportOnnx(onnx);
            var proto = OnnxModelFile.Load(onnx);
            Assert.AreEqual("latent", proto.Graph.Input.Single().Name);
            Assert.AreEqual("sample", proto.Graph.Output.Single().Name);
            using var fromOnnx = ml.Gan().LoadGenerator(onnx);
            AssertClose(expected, Column(fromOnnx.Transform(latents), "Generated"));

            // A LoadedGenerator saves like the GeneratorTransformer: ml.Model.Save → Load still generates.
            ml.Model.Save(fromOnnx, latents.Schema, again);
            AssertClose(expected, Column(new MLContext(3).Model.Load(again, out _).Transform(latents), "Generated"));
        }
        finally
        {
            foreach (var f in new[] { zip, onnx, again }) File.Delete(f);
        }
    }

    [TestMethod]
    public void GeneratorInsideATransformerChainIsFoundAndColumnsCanBeRenamed()
    {
        var ml = new MLContext(1);
        using var g = Generator(ml, latent: "Z", output: "X");
        var latents = ml.Gan().Data.Latent(3, 10, seed: 6);
        var z = ml.Transforms.CopyColumns("Z", "Latent").Fit(latents);
        var chain = new TransformerChain<ITransformer>(z, g);
        string zip = Temp(".zip");
        try
        {
            ml.Model.Save(chain, latents.Schema, zip);
            using (var archive = ZipFile.OpenRead(zip))
                Assert.IsTrue(archive.Entries.Count(e => e.Name == MlNetModelZip.OnnxEntryName) == 1);
            var expected = Column(chain.Transform(latents), "X");
            using var loaded = ml.Gan().LoadGenerator(zip, outputColumnName: "Sample", latentColumnName: "Latent");
            AssertClose(expected, Column(loaded.Transform(latents), "Sample"));
            var wrongSize = ml.Gan().Data.Latent(4, 2, seed: 1);
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => loaded.Transform(wrongSize)).Message, "Latent");
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [TestMethod]
    public void FilesThatAreNotGeneratorsGiveClearErrors()
    {
        var ml = new MLContext(1);
        Assert.ThrowsExactly<FileNotFoundException>(() => ml.Gan().LoadGenerator("/nonexistent/g.zip"));
        string zip = Temp(".zip"), junk = Temp(".onnx");
        try
        {
            var data = ml.Gan().Data.Latent(3, 2, seed: 1);
            ml.Model.Save(ml.Transforms.CopyColumns("Z", "Latent").Fit(data), data.Schema, zip);
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ml.Gan().LoadGenerator(zip)).Message, "holds no ONNX model");
            File.WriteAllBytes(junk, [1, 2, 3, 4, 5]);
            Assert.ThrowsExactly<InvalidDataException>(() => ml.Gan().LoadGenerator(junk));
            // Two inputs: not a generator.
            var b = new OnnxGraphBuilder("two");
            b.AddOutput(b.Add(b.AddInput("a", -1, 2), b.AddInput("b", -1, 2), output: "y"), -1, 2);
            OnnxModelFile.Save(b.Build(), junk);
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ml.Gan().LoadGenerator(junk)).Message, "exactly one input");
        }
        finally
        {
            File.Delete(zip);
            File.Delete(junk);
        }
    }

    [TestMethod]
    public void MetadataFallsBackToTheGraphAndRejectsContradictions()
    {
        var b = new OnnxGraphBuilder("bare");
        b.AddOutput(b.Tanh(b.AddInput("z", -1, 4), output: "x"), -1, 4);
        var m = GeneratorMetadata.FromModel(b.Build(), "bare");
        Assert.AreEqual(4, m.LatentDimension);
        Assert.AreEqual(LatentDistribution.Gaussian, m.LatentDistribution);
        CollectionAssert.AreEqual(new long[] { 4 }, m.OutputShape);
        Assert.IsNull(m.ValueRange);
        Assert.IsNull(m.Seed);
        Assert.IsNull(m.Architecture);

        b.SetMetadata(GeneratorMetadata.LatentDimensionKey, "5");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => GeneratorMetadata.FromModel(b.Build(), "bare")).Message, "input width 4");
        b.SetMetadata(GeneratorMetadata.LatentDimensionKey, "4");
        b.SetMetadata(GeneratorMetadata.OutputShapeKey, "2,2");
        CollectionAssert.AreEqual(new long[] { 2, 2 }, GeneratorMetadata.FromModel(b.Build(), "bare").OutputShape);
        b.SetMetadata(GeneratorMetadata.OutputShapeKey, "3");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => GeneratorMetadata.FromModel(b.Build(), "bare")).Message, "holds 3 values");
    }

    [TestMethod]
    public void RenameMovesEveryReferenceAndRefusesCollisions()
    {
        var b = new OnnxGraphBuilder("r");
        string h = b.Tanh(b.AddInput("z", -1, 2), output: "sample");
        b.AddOutput(b.Relu(h, output: "x"), -1, 2);
        var model = b.Build();
        // "sample" is an inner value: renaming the output to it would merge two values.
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => OnnxGraphInterface.Rename(model, "latent", "sample")).Message, "already has a value named 'sample'");
        var renamed = OnnxGraphInterface.Rename(model, "latent", "y");
        Assert.AreEqual("latent", renamed.Graph.Input[0].Name);
        Assert.AreEqual("y", renamed.Graph.Output[0].Name);
        Assert.AreEqual("latent", renamed.Graph.Node[0].Input[0]);
        Assert.AreEqual("y", renamed.Graph.Node[1].Output[0]);
        Assert.AreEqual("z", model.Graph.Input[0].Name, "the original is untouched");
    }
}
