using MlGan.Transforms.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Evaluation.Tests.FeatureExtractors;

/// <summary>
/// A network with Inception-v3's interface, small enough for tests: input "x" [N, 3, 299, 299], a strided
/// 8×8 convolution to 2048 channels, global average pooling to "pool_3" [N, 2048, 1, 1] (Inception's pool
/// output shape) and a linear "logits" [N, 16] head. Written with MlGan's ONNX builder; <see cref="Torch"/>
/// computes the same network in TorchSharp as the reference.
/// </summary>
internal sealed class InceptionLikeNet : IDisposable
{
    public const int Features = 2048, Classes = 16, Side = 299, Kernel = 8;
    private readonly Tensor _convW, _convB, _fcW, _fcB;

    public InceptionLikeNet(int seed)
    {
        using var g = new Generator((ulong)seed);
        _convW = randn([Features, 3, Kernel, Kernel], generator: g) / Math.Sqrt(3 * Kernel * Kernel);
        _convB = randn([Features], generator: g) * 0.1;
        _fcW = randn([Classes, Features], generator: g) / Math.Sqrt(Features);
        _fcB = randn([Classes], generator: g) * 0.1;
    }

    public byte[] Onnx(string input = "x", string pool = "pool_3", string logits = "logits")
    {
        var b = new OnnxGraphBuilder("inception_like");
        string x = b.AddInput(input, -1, 3, Side, Side);
        string conv = b.Conv(x, b.AddInitializer("conv.w", _convW), b.AddInitializer("conv.b", _convB), [Kernel, Kernel], [0, 0]);
        string pooled = b.Node("ReduceMean", [conv], [pool], OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 1))[0];
        string flat = b.Reshape(pooled, [-1, Features]);
        b.Gemm(flat, b.AddInitializer("fc.w", _fcW), b.AddInitializer("fc.b", _fcB), transB: true, output: logits);
        b.AddOutput(pool, -1, Features, 1, 1);
        b.AddOutput(logits, -1, Classes);
        return b.ToBytes();
    }

    /// <summary>Reference: 28×28 grey [N, 784] → bilinear 299×299 → 3 channels → x·scale + shift → the net.</summary>
    public (float[][] Features, float[][] Logits) Torch(float[][] samples, int side, float[] scale, float[] shift)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(samples.SelectMany(r => r).ToArray(), [samples.Length, 1, side, side]);
        x = F.interpolate(x, size: [Side, Side], mode: InterpolationMode.Bilinear, align_corners: false);
        x = x.expand(-1, 3, -1, -1) * tensor(scale).view(1, 3, 1, 1) + tensor(shift).view(1, 3, 1, 1);
        var h = F.conv2d(x, _convW, _convB, strides: [Kernel, Kernel]);
        var pooled = h.mean([2L, 3L]);
        var logits = F.linear(pooled, _fcW, _fcB);
        return (Rows(pooled), Rows(logits));
    }

    private static float[][] Rows(Tensor t)
    {
        var data = t.contiguous().data<float>().ToArray();
        int d = (int)t.shape[1];
        return Enumerable.Range(0, (int)t.shape[0]).Select(i => data[(i * d)..((i + 1) * d)]).ToArray();
    }

    public void Dispose()
    {
        _convW.Dispose(); _convB.Dispose(); _fcW.Dispose(); _fcB.Dispose();
    }
}
