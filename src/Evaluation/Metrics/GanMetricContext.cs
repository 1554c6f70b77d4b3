using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Everything a <see cref="GanMetric"/> may read: the real and the generated side, the seed of random metrics,
/// and the Gaussian mixture the real data came from. The evaluator checks a metric's
/// <see cref="GanMetric.Needs"/> against <see cref="Available"/> before it runs the metric.
/// </summary>
public sealed class GanMetricContext
{
    /// <summary>A context of two sides; <paramref name="seed"/> seeds the random metrics (KID subsets, the NND critic).</summary>
    public GanMetricContext(GanMetricSide real, GanMetricSide generated, int seed = 0, GaussianMixture? mixtureTarget = null)
    {
        Real = real ?? throw new ArgumentNullException(nameof(real));
        Generated = generated ?? throw new ArgumentNullException(nameof(generated));
        Seed = seed;
        MixtureTarget = mixtureTarget;
    }

    /// <summary>The reference set.</summary>
    public GanMetricSide Real { get; }

    /// <summary>The set under judgement.</summary>
    public GanMetricSide Generated { get; }

    /// <summary>Seed of the metrics' randomness.</summary>
    public int Seed { get; }

    /// <summary>The Gaussian mixture the real data came from; null when not known.</summary>
    public GaussianMixture? MixtureTarget { get; }

    /// <summary>How the features were made: the generated side's origin, else the real side's, else unknown.</summary>
    public FeatureOrigin FeatureOrigin => Generated.Origin ?? Real.Origin ?? FeatureOrigin.Unknown;

    /// <summary>What the context can give: inputs "of both sides" when both have them, generated-only inputs from the generated side.</summary>
    public GanMetricInputs Available
    {
        get
        {
            const GanMetricInputs ofBoth = GanMetricInputs.FeatureStatistics | GanMetricInputs.Features | GanMetricInputs.Samples;
            const GanMetricInputs ofGenerated = GanMetricInputs.GeneratedClassScores | GanMetricInputs.GeneratedSamples;
            return (Real.Inputs & Generated.Inputs & ofBoth) | (Generated.Inputs & ofGenerated)
                | (MixtureTarget is not null ? GanMetricInputs.MixtureTarget : 0);
        }
    }

    /// <summary>
    /// One warning, <paramref name="message"/>(side, N, d), for each side ("real", "generated") with fewer samples N
    /// than feature dimensions d, where a covariance is singular; sides of unknown size give none.
    /// </summary>
    public IReadOnlyList<string> FewerSamplesThanFeatures(Func<string, long, int, string> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var warnings = new List<string>();
        if ((Generated.FeatureDimension ?? Real.FeatureDimension) is not { } d) return warnings;
        foreach (var (label, side) in new[] { ("real", Real), ("generated", Generated) })
            if (side.Count is { } n && n < d) warnings.Add(message(label, n, d));
        return warnings;
    }
}
