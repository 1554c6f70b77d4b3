namespace MlGan.Trainers.GmmGan;

/// <summary>
/// The GMM-GAN discriminator (paper eq. 5): the indicator of [L1, R1] ∪ [L2, R2] with
/// L1 ≤ R1 ≤ L2 ≤ R2. An interval of width 0 is empty (it has measure zero). Infinite ends are
/// allowed so the optimal discriminator can be half-lines.
/// </summary>
public readonly record struct TwoIntervalDiscriminator(double L1, double R1, double L2, double R2)
{
    /// <summary>r₁ − ℓ₁ (0: the first interval is empty).</summary>
    public double Width1 => R1 - L1;
    /// <summary>r₂ − ℓ₂ (0: the second interval is empty).</summary>
    public double Width2 => R2 - L2;

    /// <summary>Checked factory: no NaN, and L1 ≤ R1 ≤ L2 ≤ R2.</summary>
    public static TwoIntervalDiscriminator Create(double l1, double r1, double l2, double r2)
    {
        var d = new TwoIntervalDiscriminator(l1, r1, l2, r2);
        d.Validate(nameof(TwoIntervalDiscriminator));
        return d;
    }

    /// <summary>Throws ArgumentException (naming <paramref name="paramName"/>) unless the ends are ordered numbers.</summary>
    public void Validate(string paramName, bool requireFinite = false)
    {
        if (double.IsNaN(L1) || double.IsNaN(R1) || double.IsNaN(L2) || double.IsNaN(R2))
            throw new ArgumentException($"Discriminator interval ends must not be NaN; got {this}.", paramName);
        if (requireFinite && !(double.IsFinite(L1) && double.IsFinite(R1) && double.IsFinite(L2) && double.IsFinite(R2)))
            throw new ArgumentException($"Discriminator interval ends must be finite here; got {this}.", paramName);
        if (!(L1 <= R1 && R1 <= L2 && L2 <= R2))
            throw new ArgumentException($"Discriminator intervals must satisfy l1 ≤ r1 ≤ l2 ≤ r2; got {this}.", paramName);
    }

    /// <summary>Whether x lies in the union (the discriminator outputs 1).</summary>
    public bool Contains(double x) => (x >= L1 && x <= R1 && R1 > L1) || (x >= L2 && x <= R2 && R2 > L2);

    /// <summary>"[ℓ₁, r₁] ∪ [ℓ₂, r₂]", invariant culture.</summary>
    public override string ToString() => FormattableString.Invariant($"[{L1:G6}, {R1:G6}] ∪ [{L2:G6}, {R2:G6}]");
}
