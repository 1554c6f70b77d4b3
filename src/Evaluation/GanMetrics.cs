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

    /// <summary>(name, value) of every metric, in declaration order; null values included.</summary>
    public IReadOnlyList<(string Metric, double? Value)> Entries() =>
    [
        (nameof(Fid), Fid),
        (nameof(InceptionScore), InceptionScore),
        (nameof(InceptionScoreStd), InceptionScoreStd),
        (nameof(Kid), Kid),
        (nameof(KidStd), KidStd),
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
