using MlGan.Transforms;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Mode coverage of raw generated samples against the Gaussian mixture the real data came from
/// (<see cref="MixtureMetrics"/>): modes covered, the number of modes, the high-quality rate and the KL of the
/// high-quality mode histogram from uniform (left out when no sample is high quality). Runs by default when the
/// context has a mixture target. Known also as "hq". Provenance parameters: <c>std_multiplier</c>,
/// <c>coverage_fraction</c>, <c>mode_count</c>.
/// </summary>
public sealed class MixtureModesMetric : GanMetric
{
    /// <summary>The metric's key and the name of the modes-covered value.</summary>
    public const string Modes = "modes";

    /// <summary>The name of the number of modes of the target.</summary>
    public const string ModeCount = "mode_count";

    /// <summary>The name of the high-quality rate.</summary>
    public const string HighQualityRate = "hq";

    /// <summary>The name of KL(high-quality mode histogram ‖ uniform).</summary>
    public const string ModeKl = "mode_kl";

    /// <summary>
    /// A metric with high-quality radius <paramref name="stdMultiplier"/>·σ (&gt; 0, default 3) and a mode covered once its
    /// high-quality count reaches <paramref name="coverageFraction"/> (in [0, 1], default 0.01) of a perfect generator's.
    /// </summary>
    public MixtureModesMetric(double stdMultiplier = MixtureMetrics.DefaultStdMultiplier, double coverageFraction = MixtureMetrics.DefaultCoverageFraction)
        : base(Modes, [Modes, ModeCount, HighQualityRate, ModeKl], GanMetricInputs.GeneratedSamples | GanMetricInputs.MixtureTarget,
            runsByDefault: true, aliases: ["hq"])
    {
        Guard.Positive(stdMultiplier, nameof(stdMultiplier));
        Guard.InRange(coverageFraction, 0, 1, nameof(coverageFraction));
        StdMultiplier = stdMultiplier;
        CoverageFraction = coverageFraction;
    }

    /// <summary>k of the k·σ high-quality radius.</summary>
    public double StdMultiplier { get; }

    /// <summary>Share of a perfect generator's count that makes a mode covered.</summary>
    public double CoverageFraction { get; }

    /// <inheritdoc/>
    public override GanMetricResult Compute(GanMetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.MixtureTarget ?? throw new InvalidOperationException("The mixture metrics need the context's MixtureTarget.");
        var m = MixtureMetrics.Compute(context.Generated.Samples!, target, StdMultiplier, CoverageFraction);
        List<(string, double)> values = [(Modes, m.ModesCovered), (ModeCount, m.ModeCount), (HighQualityRate, m.HighQualityRate)];
        if (m.ModeKlFromUniform is { } kl) values.Add((ModeKl, kl));
        return new GanMetricResult
        {
            Values = values,
            Parameters = new Dictionary<string, object>
            {
                ["std_multiplier"] = StdMultiplier,
                ["coverage_fraction"] = CoverageFraction,
                ["mode_count"] = target.Means.Length,
            },
        };
    }
}
