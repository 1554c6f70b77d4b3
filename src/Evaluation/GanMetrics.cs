using Microsoft.Data.Analysis;

namespace MlGan.Evaluation;

/// <summary>
/// The metrics of one generator evaluation, in ML.NET's metrics style: read-only values, null where a
/// metric was not computed (no feature net for FID/IS/KID, no mixture target for mode metrics, ...).
/// </summary>
public sealed record GanMetrics
{
    /// <summary>Fréchet distance between real and generated features (FID with an Inception-like net).</summary>
    public double? Fid { get; init; }
    /// <summary>Inception score, mean over splits.</summary>
    public double? InceptionScore { get; init; }
    /// <summary>Inception score, population std over splits.</summary>
    public double? InceptionScoreStd { get; init; }
    /// <summary>Kernel Inception Distance (unbiased MMD², cubic kernel), mean over subsets.</summary>
    public double? Kid { get; init; }
    /// <summary>KID, population std over subsets.</summary>
    public double? KidStd { get; init; }
    /// <summary>Improved precision (Kynkäänniemi et al.): share of generated features inside the real k-NN manifold.</summary>
    public double? Precision { get; init; }
    /// <summary>Improved recall: share of real features inside the generated k-NN manifold.</summary>
    public double? Recall { get; init; }
    /// <summary>Density (Naeem et al.): mean count of real k-NN balls holding a generated feature, over k.</summary>
    public double? Density { get; init; }
    /// <summary>Coverage (Naeem et al.): share of real k-NN balls holding a generated feature.</summary>
    public double? Coverage { get; init; }
    /// <summary>Neural-net divergence (a freshly trained critic's objective on held-out data).</summary>
    public double? Nnd { get; init; }
    /// <summary>Mixture target: modes covered (see <see cref="MixtureMetrics"/>).</summary>
    public int? ModesCovered { get; init; }
    /// <summary>Mixture target: number of modes.</summary>
    public int? ModeCount { get; init; }
    /// <summary>Mixture target: fraction of samples within k·σ of the nearest mode.</summary>
    public double? HighQualityRate { get; init; }
    /// <summary>Mixture target: KL of the high-quality mode histogram from uniform.</summary>
    public double? ModeKlFromUniform { get; init; }
    /// <summary>Total variation distance (exact for 1-D Gaussian mixtures).</summary>
    public double? TotalVariation { get; init; }

    /// <summary>
    /// How each computed metric family was obtained, keyed by its json name (<see cref="GanMetricNames"/>: "fid",
    /// "is", "kid", "precision_recall", "density_coverage", "nnd", "modes"); empty when nothing recorded it.
    /// The dictionary is copied on init and compares by content.
    /// </summary>
    public IReadOnlyDictionary<string, MetricProvenance> Provenance
    {
        get;
        init => field = ReadOnlyValueDictionary<string, MetricProvenance>.From(value ?? throw new ArgumentNullException(nameof(Provenance)));
    } = ReadOnlyValueDictionary<string, MetricProvenance>.Empty;

    /// <summary>Copies the mixture metrics into a metrics object (other metrics unchanged).</summary>
    public GanMetrics WithMixture(MixtureMetrics mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        return this with
        {
            ModesCovered = mixture.ModesCovered,
            ModeCount = mixture.ModeCount,
            HighQualityRate = mixture.HighQualityRate,
            ModeKlFromUniform = mixture.ModeKlFromUniform,
        };
    }

    /// <summary>(name, value) of every metric value, in declaration order; null values included (provenance is not a value).</summary>
    public IReadOnlyList<(string Metric, double? Value)> Entries() =>
    [
        (nameof(Fid), Fid),
        (nameof(InceptionScore), InceptionScore),
        (nameof(InceptionScoreStd), InceptionScoreStd),
        (nameof(Kid), Kid),
        (nameof(KidStd), KidStd),
        (nameof(Precision), Precision),
        (nameof(Recall), Recall),
        (nameof(Density), Density),
        (nameof(Coverage), Coverage),
        (nameof(Nnd), Nnd),
        (nameof(ModesCovered), ModesCovered),
        (nameof(ModeCount), ModeCount),
        (nameof(HighQualityRate), HighQualityRate),
        (nameof(ModeKlFromUniform), ModeKlFromUniform),
        (nameof(TotalVariation), TotalVariation),
    ];

    /// <summary>A two-column table (<c>metric</c>, <c>value</c>) with one row per computed metric.</summary>
    public DataFrame ToDataFrame()
    {
        var computed = Entries().Where(e => e.Value.HasValue).ToList();
        return new DataFrame(
            new StringDataFrameColumn("metric", computed.Select(e => e.Metric)),
            new DoubleDataFrameColumn("value", computed.Select(e => e.Value!.Value)));
    }
}
