namespace MlGan.Trainers.GmmGan;

/// <summary>
/// The exact optimal discriminator of the GMM-GAN: for a fixed generator, the two-interval set {x : G_μ*(x) &gt; G_μ̂(x)}
/// that maximises L. The density difference has at most three zero crossings (Theorem A.2), so the set is a union of
/// at most two intervals (possibly half-lines); the zeros are found exactly by <see cref="GaussianCombinationRoots"/>.
/// (The trainers' optimal-discriminator dynamics, <c>GanDynamics.OptimalDiscriminator</c>, are another thing.)
/// </summary>
public static class GmmOptimalDiscriminator
{
    /// <summary>
    /// The optimal discriminator for target μ* and generator μ̂. Ends may be ±∞. When the positive set is one
    /// interval, the second interval is returned empty (width 0) at the first one's right end; when G_μ* = G_μ̂
    /// exactly, both are empty (every discriminator is then optimal and L ≡ 1).
    /// </summary>
    public static TwoIntervalDiscriminator Find(GmmGanMixture target, GmmGanMixture generator)
    {
        if (!double.IsFinite(target.Mu1) || !double.IsFinite(target.Mu2))
            throw new ArgumentException($"Target means must be finite; got ({target.Mu1}, {target.Mu2}).", nameof(target));
        if (!double.IsFinite(generator.Mu1) || !double.IsFinite(generator.Mu2))
            throw new ArgumentException($"Generator means must be finite; got ({generator.Mu1}, {generator.Mu2}).", nameof(generator));
        return FindUnchecked(target.Mu1, target.Mu2, generator.Mu1, generator.Mu2);
    }

    /// <summary>The zeros of G_μ*(x) − G_μ̂(x) in ascending order (at most three).</summary>
    public static double[] DensityDifferenceZeros(GmmGanMixture target, GmmGanMixture generator)
    {
        Span<double> m = stackalloc double[4], c = stackalloc double[4], roots = stackalloc double[4];
        int n = BuildCombination(target.Mu1, target.Mu2, generator.Mu1, generator.Mu2, m, c);
        if (n == 0) return [];
        int count = GaussianCombinationRoots.Find(m[..n], c[..n], m[0] - GaussianCombinationRoots.Margin, m[n - 1] + GaussianCombinationRoots.Margin, roots);
        return roots[..count].ToArray();
    }

    internal static TwoIntervalDiscriminator FindUnchecked(double t1, double t2, double g1, double g2)
    {
        Span<double> m = stackalloc double[4], c = stackalloc double[4], roots = stackalloc double[4];
        int n = BuildCombination(t1, t2, g1, g2, m, c);
        if (n == 0) return new TwoIntervalDiscriminator(0, 0, 0, 0);
        double lo = m[0] - GaussianCombinationRoots.Margin, hi = m[n - 1] + GaussianCombinationRoots.Margin;
        int count = GaussianCombinationRoots.Find(m[..n], c[..n], lo, hi, roots);

        // Walk the pieces between zeros and keep the positive ones, merging pieces that touch at a tangency.
        // The outermost pieces run to ±∞ (the window only hides zeros where every density has underflowed).
        Span<double> ends = stackalloc double[8];
        int ne = 0;
        for (int p = 0; p <= count; p++)
        {
            double a = p == 0 ? lo : roots[p - 1];
            double b = p == count ? hi : roots[p];
            double sign = GaussianCombinationRoots.Evaluate(m[..n], c[..n], 0.5 * (a + b));
            if (p == 0) a = double.NegativeInfinity;
            if (p == count) b = double.PositiveInfinity;
            if (!(sign > 0) || !(b > a)) continue;
            if (ne > 0 && ends[ne - 1] == a) ends[ne - 1] = b;
            else { ends[ne++] = a; ends[ne++] = b; }
        }
        return ne switch
        {
            0 => new TwoIntervalDiscriminator(0, 0, 0, 0),
            2 => new TwoIntervalDiscriminator(ends[0], ends[1], ends[1], ends[1]),
            4 => new TwoIntervalDiscriminator(ends[0], ends[1], ends[2], ends[3]),
            _ => throw new InvalidOperationException($"The density difference has {count} zeros and {ne / 2} positive pieces; Theorem A.2 allows at most two."),
        };
    }

    // F ∝ e^{−(x−μ*1)²/2} + e^{−(x−μ*2)²/2} − e^{−(x−μ̂1)²/2} − e^{−(x−μ̂2)²/2}: sort by mean, merge equal means, drop zeros.
    private static int BuildCombination(double t1, double t2, double g1, double g2, Span<double> m, Span<double> c)
    {
        Span<double> mm = [t1, t2, g1, g2];
        Span<double> cc = [1.0, 1.0, -1.0, -1.0];
        for (int i = 1; i < 4; i++)
            for (int j = i; j > 0 && mm[j - 1] > mm[j]; j--)
            {
                (mm[j - 1], mm[j]) = (mm[j], mm[j - 1]);
                (cc[j - 1], cc[j]) = (cc[j], cc[j - 1]);
            }
        int n = 0;
        for (int i = 0; i < 4; i++)
        {
            if (n > 0 && m[n - 1] == mm[i]) c[n - 1] += cc[i];
            else { m[n] = mm[i]; c[n] = cc[i]; n++; }
        }
        int kept = 0;
        for (int i = 0; i < n; i++)
            if (c[i] != 0) { m[kept] = m[i]; c[kept] = c[i]; kept++; }
        return kept;
    }
}
