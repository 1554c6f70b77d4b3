using MlGan.Trainers.GmmGan;

namespace MlGan.Trainers.Tests.GmmGan;

[TestClass]
public sealed class GmmGanObjectiveTests
{
    private static readonly GmmGanMixture Target = new(-0.5, 0.5);

    // L = E_P[D] + E_Q[1 − D] integrated numerically, term by term from the definition (eq. 6).
    private static double IntegratedL(GmmGanMixture p, GmmGanMixture q, TwoIntervalDiscriminator d)
    {
        double inside(double a, double b) => b > a ? Numerics.Simpson(x => Numerics.Mixture(x, p.Mu1, p.Mu2) - Numerics.Mixture(x, q.Mu1, q.Mu2), a, b) : 0;
        return 1.0 + inside(d.L1, d.R1) + inside(d.L2, d.R2);
    }

    [TestMethod]
    public void ClosedFormMatchesNumericalIntegration()
    {
        var cases = new (GmmGanMixture q, TwoIntervalDiscriminator d)[]
        {
            (new(-1.0, 0.3), new(-2.0, -0.4, 0.1, 1.7)),
            (new(0.8, 0.9), new(-3.0, -2.9, -2.9, 4.0)),
            (new(-2.0, 2.5), new(-1.0, 0.2, 1.0, 2.5)),
            (new(0.0, 0.0), new(0.3, 0.3, 0.5, 6.0)),
        };
        foreach (var (q, d) in cases)
            Assert.AreEqual(IntegratedL(Target, q, d), GmmGanObjective.Value(Target, q, d), 1e-12, $"{q} {d}");
    }

    [TestMethod]
    public void GradientMatchesCentralFiniteDifferences()
    {
        var q = new GmmGanMixture(-1.1, 0.35);
        var d = new TwoIntervalDiscriminator(-1.7, -0.2, 0.4, 1.9);
        var g = GmmGanObjective.Gradient(Target, q, d);
        const double h = 1e-5;
        double L(double m1, double m2, double l1, double r1, double l2, double r2) =>
            GmmGanObjective.Value(Target, new GmmGanMixture(m1, m2), new TwoIntervalDiscriminator(l1, r1, l2, r2));
        double[] x = [q.Mu1, q.Mu2, d.L1, d.R1, d.L2, d.R2];
        double[] analytic = [g.Mu1, g.Mu2, g.L1, g.R1, g.L2, g.R2];
        for (int k = 0; k < 6; k++)
        {
            var plus = (double[])x.Clone(); plus[k] += h;
            var minus = (double[])x.Clone(); minus[k] -= h;
            double fd = (L(plus[0], plus[1], plus[2], plus[3], plus[4], plus[5]) - L(minus[0], minus[1], minus[2], minus[3], minus[4], minus[5])) / (2 * h);
            Assert.AreEqual(fd, analytic[k], 1e-9, $"component {k}");
            Assert.AreNotEqual(0.0, analytic[k]);
        }
    }

    [TestMethod]
    public void UnsortedIntervalsAreRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => TwoIntervalDiscriminator.Create(0.0, 1.0, 0.5, 2.0));
        StringAssert.Contains(ex.Message, "l1 ≤ r1 ≤ l2 ≤ r2");
        Assert.ThrowsExactly<ArgumentException>(() => GmmGanObjective.Value(Target, new(0, 1), new TwoIntervalDiscriminator(1.0, 0.0, 2.0, 3.0)));
    }

    [TestMethod]
    public void NaNIntervalsAreRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => TwoIntervalDiscriminator.Create(double.NaN, 1.0, 2.0, 3.0));
        StringAssert.Contains(ex.Message, "NaN");
        Assert.ThrowsExactly<ArgumentException>(() => GmmGanObjective.Gradient(Target, new(0, 1), new TwoIntervalDiscriminator(0.0, 1.0, double.NaN, 3.0)));
    }
}
