namespace MlGan.Trainers.GmmGan;

/// <summary>
/// Exact total-variation distance between two GMM-GAN mixtures ½N(μ1,1)+½N(μ2,1):
/// d_TV(P, Q) = max_A P(A) − Q(A) = P(A*) − Q(A*) with A* = {p &gt; q}, the optimal discriminator
/// (paper eq. 3–4). Public so MlGan.Evaluation can reuse it.
/// </summary>
public static class GmmTotalVariation
{
    /// <summary>d_TV(<paramref name="p"/>, <paramref name="q"/>) in [0, 1].</summary>
    public static double Distance(GmmGanMixture p, GmmGanMixture q)
    {
        var a = GmmOptimalDiscriminator.Find(p, q);
        return Math.Max(0.0, p.Mass(a) - q.Mass(a));
    }

    internal static double DistanceUnchecked(double p1, double p2, double q1, double q2)
    {
        var a = GmmOptimalDiscriminator.FindUnchecked(p1, p2, q1, q2);
        var p = new GmmGanMixture(p1, p2);
        var q = new GmmGanMixture(q1, q2);
        return Math.Max(0.0, p.Mass(a) - q.Mass(a));
    }
}
