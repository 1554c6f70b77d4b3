using MlGan.Transforms.Data.Images;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Evaluation.Tests.FeatureExtractors;

[TestClass]
public sealed class BilinearResizeTests
{
    /// <summary>Reference: PyTorch's interpolate(bilinear, align_corners = false), through TorchSharp.</summary>
    [TestMethod]
    [DataRow(1, 28, 28, 299, 299)]   // Fashion-MNIST → Inception input
    [DataRow(2, 5, 7, 13, 4)]        // up in H, down in W, non-square
    [DataRow(3, 20, 20, 7, 9)]       // shrink (no antialias)
    [DataRow(1, 1, 1, 3, 2)]         // single pixel
    [DataRow(1, 6, 6, 6, 6)]         // same size: identity
    public void MatchesTorchInterpolate(int channels, int inH, int inW, int outH, int outW)
    {
        using var g = new Generator(7UL);
        using var x = rand([1, channels, inH, inW], generator: g) * 2 - 1;
        using var expected = F.interpolate(x, size: [outH, outW], mode: InterpolationMode.Bilinear, align_corners: false);
        var source = x.data<float>().ToArray();
        var actual = new float[channels * outH * outW];
        new BilinearResize(inH, inW, outH, outW).Apply(source, actual, channels);
        var e = expected.contiguous().data<float>().ToArray();
        Assert.HasCount(e.Length, actual);
        double max = e.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.IsLessThanOrEqualTo(1e-5, max, $"max |C# − torch| = {max:G3}");
    }

    [TestMethod]
    public void RejectsBadSizes()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BilinearResize(0, 2, 3, 3));
        var r = new BilinearResize(2, 2, 3, 3);
        Assert.ThrowsExactly<ArgumentException>(() => r.Apply(new float[3], new float[9], 1));
        Assert.ThrowsExactly<ArgumentException>(() => r.Apply(new float[4], new float[8], 1));
    }
}
