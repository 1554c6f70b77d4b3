namespace MlGan.Samples.Reproduce;

/// <summary>
/// What the image width sweeps (Balaji et al. Figs. 4–6 analogues) run instead of their mode's defaults: the sweeps are
/// the only experiments whose full setting (k = 8 … 128 × 5000 steps, DCGAN and ResNet) takes longer than a working day
/// on 2 CPU cores, so a full report can bound them and say so. Null fields keep the sample's default for the mode.
/// </summary>
internal sealed record ImageSweepSettings(string? Widths, int? Steps)
{
    public static ImageSweepSettings Defaults { get; } = new(null, null);

    /// <summary>The sample options these settings add.</summary>
    public IEnumerable<string> Arguments()
    {
        if (Widths is not null) { yield return "--widths"; yield return Widths; }
        if (Steps is { } s) { yield return "--steps"; yield return s.ToString(System.Globalization.CultureInfo.InvariantCulture); }
    }

    /// <summary>The Reproduce options that give these settings (for the report's command line).</summary>
    public string Flags() =>
        (Widths is null ? "" : $" --sweep-widths {Widths}") + (Steps is { } s ? FormattableString.Invariant($" --sweep-steps {s}") : "");
}
