using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>
/// The GMM-GAN generator family (paper eq. 2), which also holds the target: the equal-weight, unit-variance pair
/// ½N(μ1, 1) + ½N(μ2, 1). Not a general mixture; that is <c>MlGan.Transforms.Data.GaussianMixture</c>.
/// </summary>
/// <param name="Mu1">μ1, the first component's mean.</param>
/// <param name="Mu2">μ2, the second component's mean.</param>
public readonly record struct GmmGanMixture(double Mu1, double Mu2)
{
    /// <summary>Checked factory: both means must be finite.</summary>
    public static GmmGanMixture Create(double mu1, double mu2)
    {
        Guard.Finite(mu1, nameof(mu1));
        Guard.Finite(mu2, nameof(mu2));
        return new GmmGanMixture(mu1, mu2);
    }

    /// <summary>The density at <paramref name="x"/>.</summary>
    public double Density(double x) => 0.5 * (StandardNormal.Pdf(x - Mu1) + StandardNormal.Pdf(x - Mu2));

    /// <summary>Probability of [a, b] (0 when b ≤ a; a = −∞ and b = +∞ are allowed).</summary>
    public double Mass(double a, double b) => 0.5 * (StandardNormal.Mass(a - Mu1, b - Mu1) + StandardNormal.Mass(a - Mu2, b - Mu2));

    /// <summary>Probability of the union of the discriminator's two (disjoint) intervals.</summary>
    public double Mass(TwoIntervalDiscriminator d) => Mass(d.L1, d.R1) + Mass(d.L2, d.R2);
}
