namespace MlGan.Trainers.GmmGan;

/// <summary>
/// The GMM-GAN objective L(μ̂, ℓ, r) = E_{x∼G_μ*}[D(x)] + E_{x∼G_μ̂}[1 − D(x)] (paper eq. 6) in closed form
/// (appendix A.2, eq. 12): L = 1 + Σ_i ∫_{ℓi}^{ri} (G_μ*(x) − G_μ̂(x)) dx, each integral a sum of normal-CDF
/// differences. Eq. 12 as printed drops the mixture weight ½ (it integrates e^{−(x−μ)²/2} per component);
/// <see cref="GmmGanObjectiveForm.Mixture"/> keeps the ½ of eq. 2/6, so L is a probability, and
/// <see cref="GmmGanObjectiveForm.Eq12"/> is the printed form, 1 + 2(L − 1), with every gradient doubled.
/// </summary>
public static class GmmGanObjective
{
    /// <summary>L(μ̂, ℓ, r) for target μ*, generator μ̂ and discriminator D.</summary>
    public static double Value(GmmGanMixture target, GmmGanMixture generator, TwoIntervalDiscriminator d,
        GmmGanObjectiveForm form = GmmGanObjectiveForm.Mixture)
    {
        d.Validate(nameof(d));
        return 1.0 + form.Scale() * (target.Mass(d) - generator.Mass(d));
    }

    /// <summary>F(x) = G_μ*(x) − G_μ̂(x), the density difference whose sign the discriminator should follow.</summary>
    public static double DensityDifference(GmmGanMixture target, GmmGanMixture generator, double x) =>
        target.Density(x) - generator.Density(x);

    /// <summary>
    /// ∇L by the fundamental theorem of calculus: ∂L/∂ri = F(ri), ∂L/∂ℓi = −F(ℓi) and
    /// ∂L/∂μ̂j = ½ Σ_i (φ(ri − μ̂j) − φ(ℓi − μ̂j)), each multiplied by <paramref name="form"/>'s scale. Empty
    /// intervals (width 0) contribute nothing to ∂L/∂μ̂.
    /// </summary>
    public static GmmGanGradient Gradient(GmmGanMixture target, GmmGanMixture generator, TwoIntervalDiscriminator d,
        GmmGanObjectiveForm form = GmmGanObjectiveForm.Mixture)
    {
        d.Validate(nameof(d));
        double g1 = 0, g2 = 0;
        if (d.R1 > d.L1)
        {
            g1 += StandardNormal.Pdf(d.R1 - generator.Mu1) - StandardNormal.Pdf(d.L1 - generator.Mu1);
            g2 += StandardNormal.Pdf(d.R1 - generator.Mu2) - StandardNormal.Pdf(d.L1 - generator.Mu2);
        }
        if (d.R2 > d.L2)
        {
            g1 += StandardNormal.Pdf(d.R2 - generator.Mu1) - StandardNormal.Pdf(d.L2 - generator.Mu1);
            g2 += StandardNormal.Pdf(d.R2 - generator.Mu2) - StandardNormal.Pdf(d.L2 - generator.Mu2);
        }
        double k = form.Scale();
        return new GmmGanGradient(k * 0.5 * g1, k * 0.5 * g2,
            -k * DensityDifference(target, generator, d.L1), k * DensityDifference(target, generator, d.R1),
            -k * DensityDifference(target, generator, d.L2), k * DensityDifference(target, generator, d.R2));
    }
}
