using MlGan.Trainers.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Losses;

/// <summary>Autograd gradients of every loss w.r.t. both logit vectors against central finite differences.</summary>
[TestClass]
public sealed class LossGradientTests
{
    private const double Step = 1e-5;

    [TestMethod]
    [DataRow("js"), DataRow("js-ns"), DataRow("hinge"), DataRow("ls"), DataRow("rs"), DataRow("rs-sat"),
     DataRow("rp-hinge"), DataRow("rp-ls"), DataRow("wgan")]
    public void AutogradMatchesCentralDifferences(string name)
    {
        var loss = GanLosses.ByName(name);
        Check(name + " D", loss.DiscriminatorLoss);
        Check(name + " G", loss.GeneratorLoss);
    }

    private static void Check(string label, Func<Tensor, Tensor, Tensor> loss)
    {
        double[] real = LossClosedFormTests.Real, fake = LossClosedFormTests.Fake;
        using var scope = torch.NewDisposeScope();
        var r = torch.tensor(real, requires_grad: true);
        var f = torch.tensor(fake, requires_grad: true);
        var grads = torch.autograd.grad([loss(r, f)], [r, f], allow_unused: true);
        double[] gr = Values(grads[0], real.Length), gf = Values(grads[1], fake.Length);

        for (int i = 0; i < real.Length; i++)
        {
            double fd = (Value(loss, Bump(real, i, Step), fake) - Value(loss, Bump(real, i, -Step), fake)) / (2 * Step);
            Assert.AreEqual(fd, gr[i], 1e-8, $"{label}: ∂/∂real[{i}]");
        }
        for (int i = 0; i < fake.Length; i++)
        {
            double fd = (Value(loss, real, Bump(fake, i, Step)) - Value(loss, real, Bump(fake, i, -Step))) / (2 * Step);
            Assert.AreEqual(fd, gf[i], 1e-8, $"{label}: ∂/∂fake[{i}]");
        }
    }

    // A generator loss that ignores the real logits has no gradient for them: that is a zero gradient.
    private static double[] Values(Tensor? g, int n) =>
        g is null || g.IsInvalid ? new double[n] : g.data<double>().ToArray();

    private static double[] Bump(double[] v, int i, double h)
    {
        var c = (double[])v.Clone();
        c[i] += h;
        return c;
    }

    private static double Value(Func<Tensor, Tensor, Tensor> loss, double[] r, double[] f)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return loss(torch.tensor(r), torch.tensor(f)).item<double>();
    }
}
