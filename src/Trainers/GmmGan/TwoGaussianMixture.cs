using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>The GMM-GAN generator family (paper eq. 2): ½N(μ1, 1) + ½N(μ2, 1).</summary>
public readonly record struct TwoGaussianMixture(double Mu1, double Mu2)
{
    /// <summary>Checked factory: both means must be finite.</summary>
    public static TwoGaussianMixture Create(double mu1, double mu2)
    {
        Guard.Finite(mu1, nameof(mu1));
        Guard.Finite(mu2, nameof(mu2));
        return new TwoGaussianMixture(mu1, mu2);
    }

    public double Density(double x) => 0.5 * (NormalMath.Pdf(x - Mu1) + NormalMath.Pdf(x - Mu2));

    /// <summary>Probability of [a, b] (0 when b ≤ a; a = −∞ and b = +∞ are allowed).</summary>
    public double Mass(double a, double b) => 0.5 * (NormalMath.Mass(a - Mu1, b - Mu1) + NormalMath.Mass(a - Mu2, b - Mu2));

    /// <summary>Probability of the union of the discriminator's two (disjoint) intervals.</summary>
    public double Mass(TwoIntervalDiscriminator d) => Mass(d.L1, d.R1) + Mass(d.L2, d.R2);
}
