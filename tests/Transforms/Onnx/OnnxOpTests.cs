using MlGan.Transforms.Onnx;
using TorchSharp;
using static MlGan.Transforms.Tests.Onnx.OrtHarness;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Tests.Onnx;

/// <summary>Each builder op, run by ONNX Runtime, against the same computation in TorchSharp (≤ 1e-5 max abs).</summary>
[TestClass]
public sealed class OnnxOpTests
{
    [TestMethod]
    public void Gemm_TransB_AlphaBeta_MatchesTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(1, 5, 3); var w = Randn(2, 4, 3); var c = Randn(3, 4);
        var b = new OnnxGraphBuilder("gemm");
        string y = b.Gemm(b.AddInput("x", -1, 3), b.AddInitializer("w", w), b.AddInitializer("c", c), transB: true, alpha: 0.5f, beta: 2f);
        b.AddOutput(y, -1, 4);
        AssertClose(0.5 * x.matmul(w.t()) + 2 * c, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void Gemm_TransA_NoBias_MatchesTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(4, 3, 5); var w = Randn(5, 3, 2);
        var b = new OnnxGraphBuilder("gemm_ta");
        b.AddOutput(b.Gemm(b.AddInput("x", 3, 5), b.AddInitializer("w", w), transA: true, output: "y"), 5, 2);
        AssertClose(x.t().matmul(w), Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void MatMul_MatchesTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(6, 7, 3); var w = Randn(7, 3, 4);
        var b = new OnnxGraphBuilder("matmul");
        b.AddOutput(b.MatMul(b.AddInput("x", -1, 3), b.AddInitializer("w", w), output: "y"), -1, 4);
        AssertClose(x.matmul(w), Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void AddMulSub_BroadcastRow_MatchesTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(8, 5, 4); var p = Randn(9, 4); var q = Randn(10, 4); var r = Randn(11, 4);
        var b = new OnnxGraphBuilder("arith");
        string xi = b.AddInput("x", -1, 4);
        string y = b.Sub(b.Mul(b.Add(xi, b.AddInitializer("p", p)), b.AddInitializer("q", q)), b.AddInitializer("r", r));
        b.AddOutput(y, -1, 4);
        AssertClose((x + p) * q - r, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void Activations_MatchTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(12, 6, 5) * 3;
        var cases = new (Func<OnnxGraphBuilder, string, string> Op, Func<torch.Tensor, torch.Tensor> Ref, string Name)[]
        {
            ((b, v) => b.Relu(v), t => F.relu(t), "Relu"),
            ((b, v) => b.LeakyRelu(v, 0.2f), t => F.leaky_relu(t, 0.2), "LeakyRelu"),
            ((b, v) => b.Tanh(v), torch.tanh, "Tanh"),
            ((b, v) => b.Sigmoid(v), torch.sigmoid, "Sigmoid"),
            ((b, v) => b.Identity(v, "copy"), t => t.clone(), "Identity"),
            ((b, v) => b.Node("Softplus", [v], ["sp"])[0], t => F.softplus(t), "Node(Softplus)"),
        };
        foreach (var (op, reference, name) in cases)
        {
            var b = new OnnxGraphBuilder(name.Replace("(", "_").Replace(")", ""));
            b.AddOutput(op(b, b.AddInput("x", -1, 5)), -1, 5);
            var got = Run(b.ToBytes(), "x", x);
            var want = reference(x);
            double max = Values(want).Zip(got.Data, (e, a) => Math.Abs(e - a)).Max();
            Assert.IsTrue(max <= 1e-5, $"{name}: max abs diff {max:G3}");
        }
    }

    [TestMethod]
    public void ReshapeAndTranspose_MatchTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(13, 3, 24);
        var b = new OnnxGraphBuilder("reshape");
        string r = b.Reshape(b.AddInput("x", -1, 24), [-1, 2, 3, 4]);
        b.AddOutput(b.Transpose(r, [0, 3, 1, 2], output: "y"), -1, 4, 2, 3);
        AssertClose(x.reshape(-1, 2, 3, 4).permute(0, 3, 1, 2), Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ReduceSum_MatchesTorch(bool keepDims)
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(14, 2, 3, 4);
        var b = new OnnxGraphBuilder("reducesum");
        string y = b.ReduceSum(b.AddInput("x", -1, 3, 4), [1, 2], keepDims);
        if (keepDims) b.AddOutput(y, -1, 1, 1); else b.AddOutput(y, -1);
        AssertClose(x.sum([1, 2], keepdim: keepDims), Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    [DataRow(1L, 1L, 1L, 1L)]
    [DataRow(2L, 1L, 1L, 2L)]
    [DataRow(1L, 2L, 2L, 1L)]
    [DataRow(2L, 0L, 1L, 1L)]
    public void Conv2d_MatchesTorch(long stride, long pad, long dilation, long groups)
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(15, 2, 4, 9, 8); var w = Randn(16, 6, 4 / groups, 3, 3); var bias = Randn(17, 6);
        var b = new OnnxGraphBuilder("conv");
        string y = b.Conv(b.AddInput("x", -1, 4, 9, 8), b.AddInitializer("w", w), b.AddInitializer("b", bias),
            [stride, stride], [pad, pad], [dilation, dilation], groups);
        var want = F.conv2d(x, w, bias, strides: [stride, stride], padding: [pad, pad], dilation: [dilation, dilation], groups: groups);
        b.AddOutput(y, -1, want.shape[1], want.shape[2], want.shape[3]);
        AssertClose(want, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void Conv2d_AsymmetricOnnxPads_NoBias_MatchesTorchOnPaddedInput()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(18, 1, 2, 5, 5); var w = Randn(19, 3, 2, 2, 2);
        var b = new OnnxGraphBuilder("conv_asym");
        // ONNX pads [top, left, bottom, right] = [0, 1, 1, 0]; torch's F.pad takes (left, right, top, bottom).
        b.AddOutput(b.Conv(b.AddInput("x", 1, 2, 5, 5), b.AddInitializer("w", w), null, [1, 1], [0, 1, 1, 0], output: "y"), 1, 3, 5, 5);
        var want = F.conv2d(F.pad(x, [1, 0, 0, 1]), w);
        AssertClose(want, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    [DataRow(2L, 1L, 0L, 4L)]
    [DataRow(2L, 1L, 1L, 3L)]
    [DataRow(1L, 0L, 0L, 3L)]
    public void ConvTranspose2d_MatchesTorch(long stride, long pad, long outputPadding, long kernel)
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(20, 2, 4, 5, 6); var w = Randn(21, 4, 3, kernel, kernel); var bias = Randn(22, 3);
        var b = new OnnxGraphBuilder("convt");
        string y = b.ConvTranspose(b.AddInput("x", -1, 4, 5, 6), b.AddInitializer("w", w), b.AddInitializer("b", bias),
            [stride, stride], [pad, pad], [outputPadding, outputPadding]);
        var want = F.conv_transpose2d(x, w, bias, strides: [stride, stride], padding: [pad, pad], output_padding: [outputPadding, outputPadding]);
        b.AddOutput(y, -1, want.shape[1], want.shape[2], want.shape[3]);
        AssertClose(want, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void BatchNormalization_Inference_MatchesTorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(23, 3, 4, 5, 5);
        var scale = Randn(24, 4); var shift = Randn(25, 4); var mean = Randn(26, 4); var variance = Randn(27, 4).abs() + 0.1;
        var b = new OnnxGraphBuilder("bn");
        string y = b.BatchNormalization(b.AddInput("x", -1, 4, 5, 5), b.AddInitializer("s", scale), b.AddInitializer("b", shift),
            b.AddInitializer("m", mean), b.AddInitializer("v", variance), 1e-3f);
        b.AddOutput(y, -1, 4, 5, 5);
        var want = F.batch_norm(x, mean, variance, scale, shift, training: false, eps: 1e-3);
        AssertClose(want, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void Resize_Nearest_MatchesTorchInterpolate()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(28, 2, 3, 4, 5);
        var b = new OnnxGraphBuilder("resize_nearest");
        b.AddOutput(b.Resize(b.AddInput("x", -1, 3, 4, 5), [1, 1, 2, 3]), -1, 3, 8, 15);
        var want = F.interpolate(x, scale_factor: [2, 3], mode: torch.InterpolationMode.Nearest);
        AssertClose(want, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void Resize_Linear_MatchesTorchBilinear()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(29, 2, 3, 4, 5);
        var b = new OnnxGraphBuilder("resize_linear");
        b.AddOutput(b.Resize(b.AddInput("x", -1, 3, 4, 5), [1, 1, 2, 2], "linear"), -1, 3, 8, 10);
        var want = F.interpolate(x, scale_factor: [2, 2], mode: torch.InterpolationMode.Bilinear, align_corners: false);
        AssertClose(want, Run(b.ToBytes(), "x", x));
    }

    [TestMethod]
    public void Concat_TwoInputs_MatchesTorchCat()
    {
        using var scope = torch.NewDisposeScope();
        var x = Randn(30, 4, 2); var z = Randn(31, 4, 3);
        var b = new OnnxGraphBuilder("concat");
        b.AddOutput(b.ConcatTo("y", 1, b.AddInput("x", -1, 2), b.AddInput("z", -1, 3)), -1, 5);
        var got = Run(b.ToBytes(), ("x", Values(x), x.shape), ("z", Values(z), z.shape));
        AssertClose(torch.cat([x, z], 1), got);
    }

    [TestMethod]
    public void DynamicBatch_SameModelRunsWithTwoBatchSizes()
    {
        using var scope = torch.NewDisposeScope();
        var w1 = Randn(32, 16, 3); var b1 = Randn(33, 16); var w2 = Randn(34, 2, 16); var b2 = Randn(35, 2);
        var b = new OnnxGraphBuilder("mlp");
        string h = b.Relu(b.Gemm(b.AddInput("z", -1, 3), b.AddInitializer("w1", w1), b.AddInitializer("b1", b1), transB: true));
        b.AddOutput(b.Gemm(h, b.AddInitializer("w2", w2), b.AddInitializer("b2", b2), transB: true, output: "x"), -1, 2);
        byte[] model = b.ToBytes();
        foreach (long n in new long[] { 1, 37 })
        {
            var z = Randn(36 + (int)n, n, 3);
            var want = F.linear(F.relu(F.linear(z, w1, b1)), w2, b2);
            AssertClose(want, Run(model, "z", z));
        }
    }
}
