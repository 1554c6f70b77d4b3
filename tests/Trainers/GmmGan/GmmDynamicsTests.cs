using MlGan.Trainers.GmmGan;

namespace MlGan.Trainers.Tests.GmmGan;

[TestClass]
public sealed class GmmDynamicsTests
{
    private static readonly GmmGanMixture Target = new(-0.5, 0.5);

    [TestMethod]
    public void FirstOrderStepIsEquations9To11()
    {
        var mu = new GmmGanMixture(-1.2, 0.9);
        var d = new TwoIntervalDiscriminator(-2.0, -0.7, 0.2, 1.5);
        const double eta = 0.3;
        var g = GmmGanObjective.Gradient(Target, mu, d);
        var r = GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, mu, d, new GmmDynamicsOptions { StepSize = eta, Steps = 1 });
        Assert.AreEqual(mu.Mu1 - eta * g.Mu1, r.Final.Mu1, 1e-14);
        Assert.AreEqual(mu.Mu2 - eta * g.Mu2, r.Final.Mu2, 1e-14);
        Assert.AreEqual(d.L1 + eta * g.L1, r.FinalDiscriminator.L1, 1e-14);
        Assert.AreEqual(d.R1 + eta * g.R1, r.FinalDiscriminator.R1, 1e-14);
        Assert.AreEqual(d.L2 + eta * g.L2, r.FinalDiscriminator.L2, 1e-14);
        Assert.AreEqual(d.R2 + eta * g.R2, r.FinalDiscriminator.R2, 1e-14);
    }

    // The unrolled surrogate U(μ̂) = L(μ̂, v_k(μ̂)), v_(i+1) = v_i + η∇_v L(μ̂, v_i), built from the public scalar gradient.
    private static double Surrogate(GmmGanMixture mu, TwoIntervalDiscriminator d, double eta, int k)
    {
        for (int i = 0; i < k; i++)
        {
            var g = GmmGanObjective.Gradient(Target, mu, d);
            d = new TwoIntervalDiscriminator(d.L1 + eta * g.L1, d.R1 + eta * g.R1, d.L2 + eta * g.L2, d.R2 + eta * g.R2);
        }
        return GmmGanObjective.Value(Target, mu, d);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(5)]
    [DataRow(10)]
    public void UnrolledGeneratorGradientMatchesFiniteDifferencesOfTheUnrolledObjective(int k)
    {
        var mu = new GmmGanMixture(-1.1, 0.8);
        var d = new TwoIntervalDiscriminator(-1.9, -0.6, 0.1, 1.4);
        const double eta = 0.3, h = 1e-5;
        var r = GmmDynamics.Run(GmmDynamicsKind.Unrolled, Target, mu, d, new GmmDynamicsOptions { StepSize = eta, Steps = 1, UnrollSteps = k });
        double g1 = (mu.Mu1 - r.Final.Mu1) / eta, g2 = (mu.Mu2 - r.Final.Mu2) / eta;
        double fd1 = (Surrogate(new(mu.Mu1 + h, mu.Mu2), d, eta, k) - Surrogate(new(mu.Mu1 - h, mu.Mu2), d, eta, k)) / (2 * h);
        double fd2 = (Surrogate(new(mu.Mu1, mu.Mu2 + h), d, eta, k) - Surrogate(new(mu.Mu1, mu.Mu2 - h), d, eta, k)) / (2 * h);
        Assert.AreEqual(fd1, g1, 1e-8);
        Assert.AreEqual(fd2, g2, 1e-8);
        // The unroll matters: the total derivative differs from the plain partial derivative.
        var partial = GmmGanObjective.Gradient(Target, mu, d);
        Assert.IsGreaterThan(1e-4, Math.Abs(g1 - partial.Mu1) + Math.Abs(g2 - partial.Mu2));
        // The discriminator takes one ordinary step.
        var one = GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, mu, d, new GmmDynamicsOptions { StepSize = eta, Steps = 1 });
        Assert.AreEqual(one.FinalDiscriminator, r.FinalDiscriminator);
    }

    [TestMethod]
    public void UnrolledGradientThroughAPoolingProjectionMatchesFiniteDifferences()
    {
        // r1 and ℓ2 start 0.02 apart in a region where F > 0, so the unroll pushes them together and pools them.
        var mu = new GmmGanMixture(-1.6, 1.7);
        var d = new TwoIntervalDiscriminator(-0.9, -0.01, 0.01, 0.9);
        const double eta = 0.3, h = 1e-6;
        var r = GmmDynamics.Run(GmmDynamicsKind.Unrolled, Target, mu, d, new GmmDynamicsOptions { StepSize = eta, Steps = 1, UnrollSteps = 5 });
        Assert.AreEqual(r.FinalDiscriminator.R1, r.FinalDiscriminator.L2, "the first discriminator step already pools r1 and l2");
        double U(double m1, double m2)
        {
            var o = new GmmDynamicsOptions { StepSize = eta, Steps = 1, UnrollSteps = 1 };
            var dd = d;
            for (int i = 0; i < 5; i++) dd = GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, new(m1, m2), dd, o).FinalDiscriminator;
            return GmmGanObjective.Value(Target, new(m1, m2), dd);
        }
        double g1 = (mu.Mu1 - r.Final.Mu1) / eta, g2 = (mu.Mu2 - r.Final.Mu2) / eta;
        Assert.AreEqual((U(mu.Mu1 + h, mu.Mu2) - U(mu.Mu1 - h, mu.Mu2)) / (2 * h), g1, 1e-7);
        Assert.AreEqual((U(mu.Mu1, mu.Mu2 + h) - U(mu.Mu1, mu.Mu2 - h)) / (2 * h), g2, 1e-7);
    }

    [TestMethod]
    public void DiscriminatorCollapseIsDetectedOrderKeptAndNeverUndone()
    {
        // Figure 2's configuration: the left interval lies where the generator density dominates, so it shrinks to width 0.
        var target = new GmmGanMixture(-2, 2);
        var tr = new GmmTrajectory(1000);
        var r = GmmDynamics.Run(GmmDynamicsKind.FirstOrder, target, new(-1, 2.5), new(-1.0, 0.2, 1.0, 2.5),
            new GmmDynamicsOptions { StepSize = 0.3, Steps = 1000 }, tr);
        Assert.IsNotNull(r.Interval1CollapsedAtStep);
        Assert.IsTrue(r.DiscriminatorCollapsed);
        int c = r.Interval1CollapsedAtStep!.Value;
        Assert.IsGreaterThan(0, tr.R1[c - 1] - tr.L1[c - 1], "width was positive before the reported step");
        for (int t = 0; t < tr.Length; t++)
        {
            Assert.IsTrue(tr.L1[t] <= tr.R1[t] && tr.R1[t] <= tr.L2[t] && tr.L2[t] <= tr.R2[t], $"order at step {t}");
            if (t >= c) Assert.AreEqual(0.0, tr.R1[t] - tr.L1[t], $"stays collapsed at step {t}");
        }
    }

    [TestMethod]
    public void BothIntervalsCollapsedIsAnExactFixedPointAndStopsEarly()
    {
        var s = GmmFigure1.VanishingGradient;
        var tr = new GmmTrajectory(s.Steps);
        var r = s.Run(tr);
        Assert.IsNotNull(r.StoppedEarlyAtStep);
        Assert.IsNotNull(r.Interval1CollapsedAtStep);
        Assert.IsNotNull(r.Interval2CollapsedAtStep);
        int stop = r.StoppedEarlyAtStep!.Value;
        Assert.AreEqual(Math.Max(r.Interval1CollapsedAtStep!.Value, r.Interval2CollapsedAtStep!.Value), stop);
        // Stepping on from the collapsed state (with early exit impossible: one step) leaves μ̂ unchanged.
        var again = GmmDynamics.Run(GmmDynamicsKind.FirstOrder, GmmScenario.Target, r.Final, r.FinalDiscriminator, new GmmDynamicsOptions { StepSize = 0.1, Steps = 1 });
        Assert.AreEqual(r.Final, again.Final);
        Assert.AreEqual(tr.Mu1[stop], tr.Mu1[^1]);
        Assert.IsGreaterThan(0.1, r.TotalVariation, "stuck at the wrong distribution");
    }

    [TestMethod]
    public void Figure1ScenariosShowTheirBehaviours()
    {
        var a = GmmFigure1.Converging.Run();
        Assert.IsLessThan(0.01, a.TotalVariation);

        var tr = new GmmTrajectory(GmmFigure1.ModeCollapse.Steps);
        var b = GmmFigure1.ModeCollapse.Run(tr);
        Assert.IsLessThan(0.05, Math.Abs(b.Final.Mu1 - b.Final.Mu2), "both means on one mode");
        Assert.IsGreaterThan(0.1, b.TotalVariation);
        double swing = 0;
        for (int t = tr.Length - 1000; t < tr.Length; t++) swing = Math.Max(swing, Math.Abs(tr.Mu1[t] - tr.Mu1[tr.Length - 1000]));
        Assert.IsGreaterThan(0.01, swing, "still oscillating at the end");

        var c = GmmFigure1.Optimal.Run();
        Assert.IsLessThan(0.01, c.TotalVariation);

        var d = GmmFigure1.VanishingGradient.Run();
        Assert.IsTrue(d.Interval1CollapsedAtStep.HasValue && d.Interval2CollapsedAtStep.HasValue);
        Assert.IsGreaterThan(0.1, d.TotalVariation);
    }

    [TestMethod]
    public void OptimalDynamicsUseTheArgmaxDiscriminatorAndConverge()
    {
        var tr = new GmmTrajectory(300);
        var r = GmmDynamics.Run(GmmDynamicsKind.Optimal, Target, new(-1.0, 2.0), default, new GmmDynamicsOptions { StepSize = 0.3, Steps = 300 }, tr);
        Assert.IsLessThan(0.02, r.TotalVariation);
        var d0 = GmmOptimalDiscriminator.Find(Target, new(-1.0, 2.0));
        Assert.AreEqual(d0, new TwoIntervalDiscriminator(tr.L1[0], tr.R1[0], tr.L2[0], tr.R2[0]));
        var g = GmmGanObjective.Gradient(Target, new(-1.0, 2.0), d0);
        Assert.AreEqual(-1.0 - 0.3 * g.Mu1, tr.Mu1[1], 1e-14);
        Assert.AreEqual(2.0 - 0.3 * g.Mu2, tr.Mu2[1], 1e-14);
    }

    [TestMethod]
    public void BadOptionsAreRejected()
    {
        var d = new TwoIntervalDiscriminator(-1, 0, 1, 2);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, new(0, 1), d, new GmmDynamicsOptions { StepSize = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, new(0, 1), d, new GmmDynamicsOptions { StepSize = -0.3 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, new(0, 1), d, new GmmDynamicsOptions { Steps = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, new(double.NaN, 1), d, new GmmDynamicsOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => GmmDynamics.Run(GmmDynamicsKind.FirstOrder, Target, new(0, 1), new TwoIntervalDiscriminator(0, 2, 1, 3), new GmmDynamicsOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => GmmDynamics.Run(GmmDynamicsKind.Unrolled, Target, new(0, 1), new TwoIntervalDiscriminator(0, double.NaN, 1, 3), new GmmDynamicsOptions()));
    }
}
