using MlGan.Trainers.GmmGan;

namespace MlGan.Trainers.Tests.GmmGan;

[TestClass]
public sealed class GmmOptimalDiscriminatorTests
{
    private static double IntegratedTv(GmmGanMixture p, GmmGanMixture q)
    {
        double lo = Math.Min(Math.Min(p.Mu1, p.Mu2), Math.Min(q.Mu1, q.Mu2)) - 14, hi = Math.Max(Math.Max(p.Mu1, p.Mu2), Math.Max(q.Mu1, q.Mu2)) + 14;
        // |P − Q| has kinks at the zeros, so use many Simpson panels (error O(h²) at a kink).
        return 0.5 * Numerics.Simpson(x => Math.Abs(Numerics.Mixture(x, p.Mu1, p.Mu2) - Numerics.Mixture(x, q.Mu1, q.Mu2)), lo, hi, 400000);
    }

    [TestMethod]
    public void TotalVariationFromOptimalIntervalsEqualsIntegratedHalfL1()
    {
        var rng = new Random(7);
        var pairs = new List<(GmmGanMixture, GmmGanMixture)>
        {
            (new(-0.5, 0.5), new(0.0, 0.0)),      // mode collapse: 2 zeros
            (new(-0.5, 0.5), new(-0.6, 0.7)),     // near the optimum
            (new(-2.0, 2.0), new(-1.0, 2.5)),     // Figure 2 configuration
            (new(0.0, 1.0), new(0.5, 0.5)),       // zeros outside the hull of the means
            (new(-0.5, 0.5), new(3.0, 4.0)),
        };
        for (int k = 0; k < 10; k++) pairs.Add((new(rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2), new(rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2)));
        foreach (var (p, q) in pairs)
        {
            double expected = IntegratedTv(p, q);
            Assert.AreEqual(expected, GmmTotalVariation.Distance(p, q), 1e-9, $"{p} vs {q}");
            Assert.AreEqual(expected, GmmTotalVariation.Distance(q, p), 1e-9, "symmetric");
        }
        Assert.AreEqual(0.0, GmmTotalVariation.Distance(new(-0.5, 0.5), new(0.5, -0.5)));
    }

    [TestMethod]
    public void ZerosAreAtMostThreeAndAreZerosOfTheDensityDifference()
    {
        var rng = new Random(11);
        bool sawThree = false;
        for (int k = 0; k < 300; k++)
        {
            var p = new GmmGanMixture(rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3);
            var q = new GmmGanMixture(rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3);
            var zeros = GmmOptimalDiscriminator.DensityDifferenceZeros(p, q);
            Assert.IsLessThanOrEqualTo(3, zeros.Length);
            sawThree |= zeros.Length == 3;
            foreach (var z in zeros)
                Assert.AreEqual(0.0, GmmGanObjective.DensityDifference(p, q, z), 1e-14, $"{p} {q} zero {z}");
            // A sign change count on a fine grid finds no zero the solver missed.
            int changes = 0;
            double prev = GmmGanObjective.DensityDifference(p, q, -12);
            for (double x = -12 + 1e-3; x < 12; x += 1e-3)
            {
                double cur = GmmGanObjective.DensityDifference(p, q, x);
                if (Math.Sign(cur) * Math.Sign(prev) < 0) changes++;
                if (cur != 0) prev = cur;
            }
            Assert.AreEqual(changes, zeros.Length, $"{p} {q}");
        }
        Assert.IsTrue(sawThree, "the random pairs should include a case with three zeros");
    }

    [TestMethod]
    public void OptimalDiscriminatorBeatsRandomDiscriminators()
    {
        var rng = new Random(3);
        var p = new GmmGanMixture(-0.5, 0.5);
        for (int k = 0; k < 50; k++)
        {
            var q = new GmmGanMixture(rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2);
            var best = GmmOptimalDiscriminator.Find(p, q);
            double lBest = GmmGanObjective.Value(p, q, best);
            Assert.AreEqual(1 + GmmTotalVariation.Distance(p, q), lBest, 1e-15);
            for (int r = 0; r < 20; r++)
            {
                var v = Enumerable.Range(0, 4).Select(_ => rng.NextDouble() * 8 - 4).Order().ToArray();
                Assert.IsLessThanOrEqualTo(lBest + 1e-15, GmmGanObjective.Value(p, q, new TwoIntervalDiscriminator(v[0], v[1], v[2], v[3])));
            }
        }
    }
}
