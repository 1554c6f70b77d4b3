using Microsoft.ML.OnnxRuntime;
using MlGan.Transforms.Onnx;
using MlGan.Transforms.Onnx.Proto;
using TorchSharp;

namespace MlGan.Transforms.Tests.Onnx;

[TestClass]
public sealed class OnnxGraphBuilderTests
{
    private static OnnxGraphBuilder Tiny()
    {
        var b = new OnnxGraphBuilder("tiny");
        b.AddOutput(b.Tanh(b.AddInput("z", -1, 2), output: "x"), -1, 2);
        return b;
    }

    [TestMethod]
    public void Build_WritesIrVersionOpsetProducerAndSymbolicBatch()
    {
        var m = Tiny().Build();
        Assert.AreEqual(8L, m.IrVersion);
        Assert.AreEqual("MlGan", m.ProducerName);
        Assert.HasCount(1, m.OpsetImport);
        Assert.AreEqual(17L, m.OpsetImport[0].Version);
        Assert.AreEqual("", m.OpsetImport[0].Domain);
        var dim0 = m.Graph.Input[0].Type.TensorType.Shape.Dim[0];
        Assert.AreEqual(TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam, dim0.ValueCase);
        Assert.AreEqual("N", dim0.DimParam);
        Assert.AreEqual(2L, m.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.AreEqual((int)TensorProto.Types.DataType.Float, m.Graph.Input[0].Type.TensorType.ElemType);
    }

    [TestMethod]
    public void Metadata_RoundTripsThroughFileAndOnnxRuntime()
    {
        var b = Tiny();
        b.SetMetadata("mlgan.latent_dimension", "2");
        b.SetMetadata("mlgan.output_shape", "first");
        b.SetMetadata("mlgan.output_shape", "1,28,28"); // replaces
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-meta-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxModelFile.Save(b.Build(), path);
            var meta = OnnxModelFile.Metadata(OnnxModelFile.Load(path));
            Assert.HasCount(2, meta);
            Assert.AreEqual("2", meta["mlgan.latent_dimension"]);
            Assert.AreEqual("1,28,28", meta["mlgan.output_shape"]);
            using var session = new InferenceSession(path);
            var custom = session.ModelMetadata.CustomMetadataMap;
            Assert.AreEqual("1,28,28", custom["mlgan.output_shape"]);
            Assert.AreEqual("MlGan", session.ModelMetadata.ProducerName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AddInitializer_FromTorchTensor_CopiesShapeAndValues()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(6, dtype: torch.float64).reshape(2, 3) * 0.5;
        var b = new OnnxGraphBuilder("init");
        b.AddInitializer("w", t);
        b.AddOutput(b.Identity("w", "y"), 2, 3);
        var init = b.Build().Graph.Initializer.Single();
        CollectionAssert.AreEqual(new long[] { 2, 3 }, init.Dims.ToArray());
        CollectionAssert.AreEqual(new float[] { 0, 0.5f, 1, 1.5f, 2, 2.5f }, init.FloatData.ToArray());
        Assert.AreEqual((int)TensorProto.Types.DataType.Float, init.DataType);
    }

    [TestMethod]
    public void Build_RejectsUndefinedInputMissingOutputAndDuplicates()
    {
        var b = new OnnxGraphBuilder("bad");
        b.AddOutput(b.Relu("nowhere"), -1);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => b.Build());
        StringAssert.Contains(ex.Message, "nowhere");

        var c = new OnnxGraphBuilder("noout");
        c.Relu(c.AddInput("x", 1));
        Assert.ThrowsExactly<InvalidOperationException>(() => c.Build());

        var d = new OnnxGraphBuilder("undeclared");
        d.AddInput("x", 1);
        d.AddOutput("y", 1);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => d.Build()).Message, "'y'");

        var e = new OnnxGraphBuilder("dup");
        e.AddInput("x", 1);
        Assert.ThrowsExactly<ArgumentException>(() => e.AddInitializer("x", [1f], 1));
        Assert.ThrowsExactly<ArgumentException>(() => e.Relu("x", output: "x"));
    }

    [TestMethod]
    public void Arguments_AreValidated()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OnnxGraphBuilder("g", opset: 9));
        var b = new OnnxGraphBuilder("g");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.AddInput("x", 3, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.AddInput("x2", -2));
        Assert.ThrowsExactly<ArgumentException>(() => b.AddInitializer("w", new float[5], 2, 3));
        Assert.ThrowsExactly<ArgumentException>(() => b.Conv("x", "w", null, [1, 1], [1, 1, 1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.ConvTranspose("x", "w", null, [2, 2], [1, 1], [2, 0]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.Resize("x", [1, 1, 0, 2]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.Resize("x", [1, 1, 2, 2], "cubic"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.BatchNormalization("x", "s", "b", "m", "v", 0f));
    }
}
