using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Tests;

[TestClass]
public sealed class OneDnnTests
{
    [TestMethod]
    public void LoadingLibTorchAppliesTheOneDnnPolicy()
    {
        TorchNative.EnsureAvailable();
        switch (Environment.GetEnvironmentVariable(OneDnn.OverrideVariable))
        {
            case "1":
                Assert.AreEqual(OneDnnDecision.KeptByRequest, OneDnn.Decision);
                Assert.AreEqual(true, OneDnn.Enabled);
                break;
            case "0":
                Assert.AreEqual(OneDnnDecision.TurnedOffByRequest, OneDnn.Decision);
                Assert.AreEqual(false, OneDnn.Enabled);
                break;
            default:
                Assert.IsTrue(OneDnn.Decision is OneDnnDecision.KeptAfterProbe or OneDnnDecision.TurnedOffAfterProbe, OneDnn.Decision.ToString());
                Assert.AreEqual(OneDnn.Decision == OneDnnDecision.KeptAfterProbe, OneDnn.Enabled);
                // Whatever the probe decided, the backend now in use passes it.
                Assert.IsTrue(OneDnn.ConvolutionsAgreeWithFloat64());
                break;
        }
    }

    /// <summary>
    /// The shapes that came out wrong (or NaN) under libtorch 2.10's oneDNN on our AVX-512 EPYC build box, including
    /// two the probe does not use: float32 transposed convolutions and conv2d input gradients must match float64
    /// under MlGan's policy.
    /// </summary>
    [TestMethod]
    [DataRow(4L, 3L, 5L, 1L, 0L, 3L)]
    [DataRow(4L, 3L, 5L, 1L, 1L, 3L)]
    [DataRow(4L, 3L, 5L, 2L, 1L, 5L)]
    [DataRow(1L, 8L, 6L, 1L, 0L, 4L)]
    [DataRow(16L, 1L, 14L, 1L, 2L, 3L)]
    public void Float32ConvolutionsMatchFloat64(long cin, long cout, long size, long stride, long pad, long kernel)
    {
        TorchNative.EnsureAvailable();
        using var scope = NewDisposeScope();
        var gen = new torch.Generator(7);
        var x = randn(3, cin, size, size, generator: gen);
        var w = randn(cin, cout, kernel, kernel, generator: gen);
        var y32 = F.conv_transpose2d(x, w, strides: [stride, stride], padding: [pad, pad]);
        var y64 = F.conv_transpose2d(x.to(ScalarType.Float64), w.to(ScalarType.Float64), strides: [stride, stride], padding: [pad, pad]);
        Assert.IsTrue(Relative(y32, y64) < 1e-5, $"conv_transpose2d relative error {Relative(y32, y64):E2}");

        // conv2d's input gradient is the same computation.
        var xc = randn(3, cin, size, size, generator: gen).requires_grad_(true);
        var wc = randn(cout, cin, kernel, kernel, generator: gen);
        var xc64 = xc.detach().to(ScalarType.Float64).requires_grad_(true);
        var upstream = randn(F.conv2d(xc.detach(), wc, strides: [stride, stride], padding: [pad, pad]).shape, generator: gen);
        (F.conv2d(xc, wc, strides: [stride, stride], padding: [pad, pad]) * upstream).sum().backward();
        (F.conv2d(xc64, wc.to(ScalarType.Float64), strides: [stride, stride], padding: [pad, pad]) * upstream.to(ScalarType.Float64)).sum().backward();
        Assert.IsTrue(Relative(xc.grad!, xc64.grad!) < 1e-5, $"conv2d input gradient relative error {Relative(xc.grad!, xc64.grad!):E2}");
    }

    private static double Relative(Tensor a, Tensor reference) =>
        (a.to(ScalarType.Float64) - reference).abs().max().ToDouble() / reference.abs().max().ToDouble();
}
