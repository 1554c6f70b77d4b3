using Microsoft.ML.OnnxRuntime.Tensors;
using MlGan.Transforms.Onnx;

namespace MlGan.Transforms.Tests.Onnx;

[TestClass]
public sealed class OnnxSessionTests
{
    /// <summary>x [N, 3] → tanh(x) [N, 3] and x·W [N, 2] with W fixed.</summary>
    private static readonly float[] W = [0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f];

    private static byte[] TwoOutputs()
    {
        var b = new OnnxGraphBuilder("two_outputs");
        string x = b.AddInput("x", -1, 3);
        b.AddOutput(b.Tanh(x, output: "t"), -1, 3);
        b.AddOutput(b.MatMul(x, b.AddInitializer("w", W, 3, 2), output: "p"), -1, 2);
        return b.ToBytes();
    }

    [TestMethod]
    public void DescribesInputsAndOutputsWithSymbolicDimensions()
    {
        using var session = new OnnxSession(TwoOutputs(), "two.onnx");
        Assert.AreEqual("two.onnx", session.Source);
        var input = session.Inputs.Single();
        Assert.AreEqual("x", input.Name, "the initializer w is not an input");
        Assert.AreEqual(TensorElementType.Float, input.ElementType);
        Assert.IsTrue(input.IsFloatTensor);
        CollectionAssert.AreEqual(new long[] { -1, 3 }, input.Dimensions.ToArray());
        CollectionAssert.AreEqual(new[] { OnnxGraphBuilder.BatchDimension, "" }, input.SymbolicDimensions.ToArray());
        Assert.AreEqual("[N, 3]", input.ShapeText);
        Assert.AreEqual("a Float tensor of rank 2 [N, 3]", input.ToString());
        CollectionAssert.AreEqual(new[] { "t", "p" }, session.Outputs.Select(o => o.Name).ToArray());
        Assert.AreEqual("[N, 2]", session.FindOutput("p")!.ShapeText);
        Assert.IsNull(session.FindInput("t"));
        Assert.IsNull(session.FindOutput("x"));
    }

    [TestMethod]
    public void RunsFloatInputsAndCopiesTheRequestedOutputsInOrder()
    {
        using var session = new OnnxSession(TwoOutputs());
        float[] x = [0.1f, -2f, 0.7f, 1f, 0.5f, -0.3f];
        var results = session.Run("x", x, [2, 3], "p", "t");
        CollectionAssert.AreEqual(new long[] { 2, 2 }, results[0].Shape);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, results[1].Shape);
        for (int n = 0; n < 2; n++)
        {
            for (int j = 0; j < 2; j++)
            {
                double p = 0;
                for (int i = 0; i < 3; i++) p += x[n * 3 + i] * W[i * 2 + j];
                Assert.AreEqual(p, results[0].Values[n * 2 + j], 1e-6);
            }
            for (int i = 0; i < 3; i++) Assert.AreEqual(Math.Tanh(x[n * 3 + i]), results[1].Values[n * 3 + i], 1e-6);
        }
        var rows = results[1].Rows();
        Assert.AreEqual(2, rows.Length);
        CollectionAssert.AreEqual(results[1].Values[3..], rows[1]);
        // A slice of a larger buffer runs as is (the feature extractor's batches).
        var buffer = new float[9];
        x.CopyTo(buffer, 0);
        CollectionAssert.AreEqual(results[1].Values, session.Run("x", buffer.AsMemory(0, 6), [2, 3], "t")[0].Values);
    }

    [TestMethod]
    public void LoadingErrorsNameTheModel()
    {
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new OnnxSession("not a model"u8.ToArray(), "junk.onnx"));
        StringAssert.StartsWith(ex.Message, "'junk.onnx': ONNX Runtime cannot load the model: ");
        StringAssert.Contains(Assert.ThrowsExactly<FileNotFoundException>(() => OnnxSession.Load("/nonexistent/m.onnx")).Message, "/nonexistent/m.onnx");
        Assert.ThrowsExactly<ArgumentException>(() => OnnxSession.Load(" "));
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-session-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllBytes(path, TwoOutputs());
            using var session = OnnxSession.Load(path);
            Assert.AreEqual(path, session.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void RunErrorsNameWhatIsWrong()
    {
        using var session = new OnnxSession(TwoOutputs(), "two.onnx");
        float[] x = new float[6];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => session.Run("z", x, [2, 3], "t")).Message, "its inputs are: x");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => session.Run("x", x, [2, 3], "q")).Message, "its outputs are: t, p");
        Assert.ThrowsExactly<ArgumentException>(() => session.Run("x", x, [2, 3]));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => session.Run("x", x, [3, 3], "t")).Message, "does not hold the 6 values");
        // The graph fixes the width at 3: ONNX Runtime refuses [3, 2], and the error names the model and the shape.
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => session.Run("x", x, [3, 2], "t"));
        StringAssert.StartsWith(ex.Message, "'two.onnx': ONNX Runtime failed on input 'x' [3, 2]: ");
    }

    [TestMethod]
    public void NonFloatValuesAreDescribedAndRefused()
    {
        var b = new OnnxGraphBuilder("shape_of");
        b.Node("Shape", [b.AddInput("x", -1, 4)], ["s"]);
        b.AddOutput("s", 2);
        var model = b.Build();
        model.Graph.Output[0].Type.TensorType.ElemType = (int)Transforms.Onnx.Proto.TensorProto.Types.DataType.Int64; // Shape gives int64
        using var session = new OnnxSession(Google.Protobuf.MessageExtensions.ToByteArray(model), "shape.onnx");
        var output = session.Outputs.Single();
        Assert.AreEqual(TensorElementType.Int64, output.ElementType);
        Assert.IsFalse(output.IsFloatTensor);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => session.Run("x", new float[4], [1, 4], "s")).Message, "only float tensors");
    }
}
