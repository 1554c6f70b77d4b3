using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Tests;

[TestClass]
public sealed class TorchNativeTests
{
    [TestMethod]
    public void AutogradGradientEqualsAnalyticGradient()
    {
        TorchNative.EnsureAvailable();
        // f(x) = sum(sin(x) * x^2)  =>  f'(x) = cos(x) x^2 + 2 x sin(x)
        var x = torch.tensor(new double[] { -1.3, 0.2, 0.7, 2.5 }, requires_grad: true);
        var f = (torch.sin(x) * x.pow(2)).sum();
        f.backward();
        var grad = x.grad!.data<double>().ToArray();
        double[] xs = { -1.3, 0.2, 0.7, 2.5 };
        for (int i = 0; i < xs.Length; i++)
        {
            double analytic = Math.Cos(xs[i]) * xs[i] * xs[i] + 2 * xs[i] * Math.Sin(xs[i]);
            Assert.AreEqual(analytic, grad[i], 1e-12);
        }
    }

    [TestMethod]
    public void LoadFailureMessageSaysWhatFailedAndHowToFixIt()
    {
        var raw = new TypeInitializationException("TorchSharp.torch",
            new DllNotFoundException("libLibTorchSharp.so: version `GLIBCXX_3.4.32' not found"));
        var ex = TorchNative.Describe(raw);
        StringAssert.Contains(ex.Message, "GLIBCXX_3.4.32");
        StringAssert.Contains(ex.Message, "MlGanWeakenTorchSharpGlibcxx");
        Assert.AreSame(raw, ex.InnerException);
    }
}
