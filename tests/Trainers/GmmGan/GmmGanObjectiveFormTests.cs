using MlGan.Trainers.GmmGan;

namespace MlGan.Trainers.Tests.GmmGan;

/// <summary>
/// The eq. 12 form of L (appendix A.2 as printed, without the ½ mixture weights) against an independent quadrature
/// of the printed formula, finite differences, and the dynamics it drives.
/// </summary>
[TestClass]
public sealed class GmmGanObjectiveFormTests
{
    private static readonly GmmGanMixture Target = new(-0.5, 0.5);
    private static readonly GmmGanMixture Generator = new(-1.1, 0.35);
    private static readonly TwoIntervalDiscriminator D = new(-1.7, -0.2, 0.4, 1.9);

    // Eq. 12 term by term: L = 1 + (1/√(2π)) Σ_i Σ_j ∫_{ℓi}^{ri} e^{−(x−μ*j)²/2} − e^{−(x−μ̂j)²/2} dx.
    private static double PrintedEq12(GmmGanMixture p, GmmGanMixture q, TwoIntervalDiscriminator d)
    {
        double sum = 0;
        foreach (var (a, b) in new[] { (d.L1, d.R1), (d.L2, d.R2) })
            if (b > a)
                sum += Numerics.Simpson(x => Numerics.Gaussian(x, p.Mu1) + Numerics.Gaussian(x, p.Mu2) - Numerics.Gaussian(x, q.Mu1) - Numerics.Gaussian(x, q.Mu2), a, b);
        return 1.0 + sum;
    }

    [TestMethod]
    public void Eq12ValueIsThePrintedFormula_OnePlusTwiceTheMixturesExcess()
    {
        double mixture = GmmGanObjective.Value(Target, Generator, D);
        double eq12 = GmmGanObjective.Value(Target, Generator, D, GmmGanObjectiveForm.Eq12);
        Assert.AreEqual(PrintedEq12(Target, Generator, D), eq12, 1e-12);
        Assert.AreEqual(2 * (mixture - 1), eq12 - 1, 1e-15);
        Assert.IsGreaterThan(1e-3, Math.Abs(eq12 - mixture), "the two forms differ at this point");
    }

    [TestMethod]
    public void Eq12GradientIsTwiceTheMixtures_AndMatchesFiniteDifferencesOfItsValue()
    {
        var m = GmmGanObjective.Gradient(Target, Generator, D);
        var g = GmmGanObjective.Gradient(Target, Generator, D, GmmGanObjectiveForm.Eq12);
        double[] mixture = [m.Mu1, m.Mu2, m.L1, m.R1, m.L2, m.R2];
        double[] analytic = [g.Mu1, g.Mu2, g.L1, g.R1, g.L2, g.R2];
        double[] x = [Generator.Mu1, Generator.Mu2, D.L1, D.R1, D.L2, D.R2];
        const double h = 1e-5;
        double L(double[] v) => GmmGanObjective.Value(Target, new GmmGanMixture(v[0], v[1]), new TwoIntervalDiscriminator(v[2], v[3], v[4], v[5]), GmmGanObjectiveForm.Eq12);
        for (int k = 0; k < 6; k++)
        {
            var plus = (double[])x.Clone(); plus[k] += h;
            var minus = (double[])x.Clone(); minus[k] -= h;
            Assert.AreEqual((L(plus) - L(minus)) / (2 * h), analytic[k], 1e-9, $"component {k}");
            Assert.AreEqual(2 * mixture[k], analytic[k], 0.0, $"component {k}");
            Assert.AreNotEqual(0.0, analytic[k]);
        }
    }

    [TestMethod]
    public void Eq12FirstOrderStepIsEquations9To11WithTheEq12Gradient()
    {
        const double eta = 0.3;
        var g = GmmGanObjective.Gradient(Target, Generator, D, GmmGanObjectiveForm.Eq12);
        var r = GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, Generator, D,
            new GmmDynamicsOptions { StepSize = eta, Steps = 1, Objective = GmmGanObjectiveForm.Eq12 });
        Assert.AreEqual(Generator.Mu1 - eta * g.Mu1, r.Final.Mu1, 1e-14);
        Assert.AreEqual(Generator.Mu2 - eta * g.Mu2, r.Final.Mu2, 1e-14);
        Assert.AreEqual(D.L1 + eta * g.L1, r.FinalDiscriminator.L1, 1e-14);
        Assert.AreEqual(D.R1 + eta * g.R1, r.FinalDiscriminator.R1, 1e-14);
        Assert.AreEqual(D.L2 + eta * g.L2, r.FinalDiscriminator.L2, 1e-14);
        Assert.AreEqual(D.R2 + eta * g.R2, r.FinalDiscriminator.R2, 1e-14);
    }

    [TestMethod]
    public void Eq12UnrolledGeneratorGradientMatchesFiniteDifferencesOfTheEq12UnrolledObjective()
    {
        var mu = new GmmGanMixture(-1.1, 0.8);
        var d = new TwoIntervalDiscriminator(-1.9, -0.6, 0.1, 1.4);
        const double eta = 0.3, h = 1e-5;
        const int k = 5;
        double Surrogate(GmmGanMixture m)
        {
            var v = d;
            for (int i = 0; i < k; i++)
            {
                var g = GmmGanObjective.Gradient(Target, m, v, GmmGanObjectiveForm.Eq12);
                v = new TwoIntervalDiscriminator(v.L1 + eta * g.L1, v.R1 + eta * g.R1, v.L2 + eta * g.L2, v.R2 + eta * g.R2);
            }
            return GmmGanObjective.Value(Target, m, v, GmmGanObjectiveForm.Eq12);
        }
        var r = GmmDynamics.Run(GmmDynamicsKind.Unrolled, Target, mu, d,
            new GmmDynamicsOptions { StepSize = eta, Steps = 1, UnrollSteps = k, Objective = GmmGanObjectiveForm.Eq12 });
        Assert.AreEqual((Surrogate(new(mu.Mu1 + h, mu.Mu2)) - Surrogate(new(mu.Mu1 - h, mu.Mu2))) / (2 * h), (mu.Mu1 - r.Final.Mu1) / eta, 1e-8);
        Assert.AreEqual((Surrogate(new(mu.Mu1, mu.Mu2 + h)) - Surrogate(new(mu.Mu1, mu.Mu2 - h))) / (2 * h), (mu.Mu2 - r.Final.Mu2) / eta, 1e-8);
    }

    [TestMethod]
    [DataRow(GmmDynamicsKind.Optimal)]
    [DataRow(GmmDynamicsKind.FirstOrder)]
    [DataRow(GmmDynamicsKind.Unrolled)]
    public void Eq12RunIsTheMixtureRunAtTwiceTheStepSize_BitForBit(GmmDynamicsKind kind)
    {
        var start = new GmmGanMixture(-0.9, 0.7);
        var d = new TwoIntervalDiscriminator(-2.0, -0.5, 0.3, 2.5);
        var eq12 = GmmDynamics.Run(kind, Target, start, d, new GmmDynamicsOptions { StepSize = 0.15, Steps = 400, Objective = GmmGanObjectiveForm.Eq12 });
        var doubled = GmmDynamics.Run(kind, Target, start, d, new GmmDynamicsOptions { StepSize = 0.3, Steps = 400 });
        var same = GmmDynamics.Run(kind, Target, start, d, new GmmDynamicsOptions { StepSize = 0.15, Steps = 400 });
        Assert.AreEqual(doubled.Final, eq12.Final);
        Assert.AreEqual(doubled.FinalDiscriminator, eq12.FinalDiscriminator);
        Assert.AreNotEqual(same.Final, eq12.Final, "the form changes the trajectory");
    }

    [TestMethod]
    public void HeatmapJsonNamesTheObjective_AndGivesOffDiagonalAndDiagonalMeans()
    {
        var r = GmmHeatmap.Run(new GmmHeatmapOptions { Grid = 3, Repeats = 2, Steps = 60, Objective = GmmGanObjectiveForm.Eq12 });
        using var json = System.Text.Json.JsonDocument.Parse(r.ToJson());
        var root = json.RootElement;
        Assert.AreEqual("eq12", root.GetProperty("objective").GetString());
        var diagonal = root.GetProperty("diagonal");
        foreach (var layer in r.Layers)
        {
            string name = GmmHeatmapResult.Name(layer.Kind);
            Assert.AreEqual(layer.OffDiagonalMeanSuccess, root.GetProperty(name).GetDouble());
            Assert.AreEqual(layer.DiagonalMeanSuccess, diagonal.GetProperty(name).GetDouble());
            double sum = 0;
            for (int i = 0; i < 3; i++) sum += layer.SuccessRate[i, i];
            Assert.AreEqual(sum / 3, layer.DiagonalMeanSuccess, 1e-15);
        }
        StringAssert.Contains(r.Summary(), "eq12 objective");
    }

    [TestMethod]
    public void AnUndefinedObjectiveIsRejectedNamingTheOption()
    {
        var bad = (GmmGanObjectiveForm)7;
        Assert.AreEqual("Objective", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmHeatmap.Run(new GmmHeatmapOptions { Objective = bad })).ParamName);
        Assert.AreEqual("Objective", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            GmmDynamics.Run(GmmDynamicsKind.Optimal, Target, Generator, D, new GmmDynamicsOptions { Objective = bad })).ParamName);
    }
}
