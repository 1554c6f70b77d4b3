using MlGan.Trainers.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Losses;

/// <summary>Every loss against its closed form computed in plain doubles (no TorchSharp in the reference).</summary>
[TestClass]
public sealed class LossClosedFormTests
{
    // Chosen away from every kink: no |logit| = 1 and no real − fake = ±1.
    internal static readonly double[] Real = [0.3, -1.2, 2.5, 0.4];
    internal static readonly double[] Fake = [-0.6, 1.1, 0.05, -2.2];

    private static double Softplus(double t) => Math.Log(1 + Math.Exp(t));
    private static double Relu(double t) => Math.Max(0, t);
    private static double Mean(IEnumerable<double> v) => v.Average();
    private static IEnumerable<(double R, double F)> Pairs(double[] r, double[] f) => r.Zip(f);

    /// <summary>(D-loss, G-loss) closed forms per loss name.</summary>
    internal static (double D, double G) Expected(string name, double[] r, double[] f) => name switch
    {
        "js" => (JsD(r, f), -JsD(r, f)),
        "js-ns" => (JsD(r, f), Mean(f.Select(t => Softplus(-t)))),
        "hinge" => (0.5 * (Mean(r.Select(t => Relu(1 - t))) + Mean(f.Select(t => Relu(1 + t)))), -Mean(f)),
        "ls" => (0.5 * (Mean(r.Select(t => (t - 1) * (t - 1))) + Mean(f.Select(t => t * t))), 0.5 * Mean(f.Select(t => (t - 1) * (t - 1)))),
        "rs" => (Mean(Pairs(r, f).Select(p => -Math.Log(Sigmoid(p.R - p.F)))), Mean(Pairs(r, f).Select(p => -Math.Log(Sigmoid(p.F - p.R))))),
        "rs-sat" => (Mean(Pairs(r, f).Select(p => -Math.Log(Sigmoid(p.R - p.F)))), Mean(Pairs(r, f).Select(p => Math.Log(Sigmoid(p.R - p.F))))),
        "rp-hinge" => (Mean(Pairs(r, f).Select(p => Relu(1 - (p.R - p.F)))), Mean(Pairs(r, f).Select(p => Relu(1 - (p.F - p.R))))),
        "rp-ls" => (Mean(Pairs(r, f).Select(p => (p.R - p.F - 1) * (p.R - p.F - 1))), Mean(Pairs(r, f).Select(p => (p.F - p.R - 1) * (p.F - p.R - 1)))),
        "wgan" => (Mean(f) - Mean(r), -Mean(f)),
        _ => throw new ArgumentException(name),
    };

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    // The paper's own form: −½[mean log σ(f(x)) + mean log(1 − σ(f(y)))].
    private static double JsD(double[] r, double[] f) =>
        -0.5 * (Mean(r.Select(t => Math.Log(Sigmoid(t)))) + Mean(f.Select(t => Math.Log(1 - Sigmoid(t)))));

    private static double Eval(Func<Tensor, Tensor, Tensor> loss, double[] r, double[] f)
    {
        using var scope = torch.NewDisposeScope();
        return loss(torch.tensor(r), torch.tensor(f)).item<double>();
    }

    [TestMethod]
    [DataRow("js"), DataRow("js-ns"), DataRow("hinge"), DataRow("ls"), DataRow("rs"), DataRow("rs-sat"),
     DataRow("rp-hinge"), DataRow("rp-ls"), DataRow("wgan")]
    public void LossesMatchClosedForms(string name)
    {
        var loss = GanLosses.ByName(name);
        var (d, g) = Expected(name, Real, Fake);
        Assert.AreEqual(d, Eval(loss.DiscriminatorLoss, Real, Fake), 1e-9, $"{name} D-loss");
        Assert.AreEqual(g, Eval(loss.GeneratorLoss, Real, Fake), 1e-9, $"{name} G-loss");
    }

    [TestMethod]
    [DataRow("js"), DataRow("js-ns"), DataRow("hinge"), DataRow("ls"), DataRow("wgan")]
    public void UnpairedLossesAcceptDifferentBatchSizes(string name)
    {
        var loss = GanLosses.ByName(name);
        double[] fake = Fake[..3];
        var (d, g) = Expected(name, Real, fake);
        Assert.AreEqual(d, Eval(loss.DiscriminatorLoss, Real, fake), 1e-9);
        Assert.AreEqual(g, Eval(loss.GeneratorLoss, Real, fake), 1e-9);
    }

    [TestMethod]
    public void HandValuesAtZeroLogits()
    {
        // f ≡ 0: the discriminator cannot tell; JS-D = log 2, RS-D = log 2, LS-D = ½, hinge-D = 1, Rp-LS = 1.
        double[] z = [0.0, 0.0];
        Assert.AreEqual(Math.Log(2), Eval(GanLosses.ByName("js").DiscriminatorLoss, z, z), 1e-12);
        Assert.AreEqual(Math.Log(2), Eval(GanLosses.ByName("rs").DiscriminatorLoss, z, z), 1e-12);
        Assert.AreEqual(0.5, Eval(GanLosses.ByName("ls").DiscriminatorLoss, z, z), 1e-12);
        Assert.AreEqual(1.0, Eval(GanLosses.ByName("hinge").DiscriminatorLoss, z, z), 1e-12);
        Assert.AreEqual(1.0, Eval(GanLosses.ByName("rp-ls").DiscriminatorLoss, z, z), 1e-12);
        Assert.AreEqual(0.0, Eval(GanLosses.ByName("wgan").DiscriminatorLoss, z, z), 1e-12);
    }

    [TestMethod]
    public void LogSigmoidFormsStayFiniteForHugeLogits()
    {
        // log(sigmoid(−1000)) would be −∞ in double; softplus gives the exact 1000.
        double[] r = [-1000.0], f = [1000.0];
        Assert.AreEqual(1000.0, Eval(GanLosses.ByName("js").DiscriminatorLoss, r, f), 1e-9);
        Assert.AreEqual(2000.0, Eval(GanLosses.ByName("rs").DiscriminatorLoss, r, f), 1e-9);
        Assert.AreEqual(1000.0, Eval(GanLosses.ByName("js-ns").GeneratorLoss, r, [-1000.0]), 1e-9);
        using var rt = torch.tensor(new[] { -1000.0 }, requires_grad: true);
        using var ft = torch.tensor(new[] { 1000.0 });
        using var loss = GanLosses.ByName("js").DiscriminatorLoss(rt, ft);
        loss.backward();
        Assert.AreEqual(-0.5, rt.grad!.item<double>(), 1e-12);
    }

    [TestMethod]
    public void ColumnLogitsGiveTheSameLoss()
    {
        var loss = GanLosses.ByName("rs");
        using var r = torch.tensor(Real).reshape(-1, 1);
        using var f = torch.tensor(Fake).reshape(-1, 1);
        using var value = loss.DiscriminatorLoss(r, f);
        Assert.AreEqual(Expected("rs", Real, Fake).D, value.item<double>(), 1e-12);
        Assert.AreEqual(0, value.dim());
    }

    [TestMethod]
    public void FloatLogitsWork()
    {
        var loss = GanLosses.ByName("js-ns");
        using var r = torch.tensor(Real.Select(v => (float)v).ToArray());
        using var f = torch.tensor(Fake.Select(v => (float)v).ToArray());
        using var value = loss.DiscriminatorLoss(r, f);
        Assert.AreEqual(ScalarType.Float32, value.dtype);
        Assert.AreEqual(Expected("js-ns", Real, Fake).D, value.item<float>(), 1e-5);
    }
}
