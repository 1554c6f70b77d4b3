using MlGan.Evaluation.FeatureExtractors;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// One side of an evaluation (the real or the generated set) as the metrics read it: raw samples, feature
/// vectors with class scores, and feature statistics, each present or not. A side built by
/// <see cref="FromSamples"/> extracts its features on first use, so metrics on raw samples alone never run the
/// feature net; one built from parts (the CLI's streamed statistics and kept rows) holds what it was given.
/// </summary>
public sealed class GanMetricSide
{
    private readonly Lazy<FeatureExtraction>? _extraction;
    private readonly Lazy<FeatureStatistics>? _statistics;

    /// <summary>
    /// A side from parts, each optional (a side no metric reads may hold nothing, as the real side of a metric of
    /// generated samples alone). Without <paramref name="statistics"/>, they are computed from the extraction's
    /// features when a metric asks. <paramref name="origin"/> defaults to what the statistics' provenance records.
    /// </summary>
    public GanMetricSide(float[][]? samples = null, FeatureStatistics? statistics = null, FeatureExtraction? extraction = null, FeatureOrigin? origin = null)
    {
        if (statistics is not null && extraction is { Features: [{ } first, ..] } && first.Length != statistics.Dimension)
            throw new ArgumentException($"extraction has {first.Length}-dimensional features but statistics describe {statistics.Dimension}.", nameof(extraction));
        Samples = samples;
        Origin = origin ?? (statistics?.Provenance is { } provenance ? FeatureOrigin.Of(provenance) : null);
        if (extraction is not null)
        {
            _extraction = new(extraction);
            ClassScoreKind = extraction.ClassScores is null ? ClassScoreKind.None : extraction.ClassScoreKind;
        }
        if (statistics is not null) _statistics = new(statistics);
        else if (extraction is not null) _statistics = new(() => FeatureStatistics.FromFeatures(Features, nameof(Features)));
        if (statistics is not null) Count = statistics.HasCount ? statistics.Count : null;
        else Count = extraction?.Features.Length ?? samples?.Length;
    }

    private GanMetricSide(float[][] samples, IFeatureExtractor extractor)
    {
        Samples = samples;
        Origin = FeatureOrigin.Of(extractor);
        ClassScoreKind = extractor.ClassScores;
        Count = samples.Length;
        _extraction = new(() => extractor.Extract(samples));
        _statistics = new(() => FeatureStatistics.FromFeatures(Features, nameof(Features)));
    }

    /// <summary>Samples in memory whose features <paramref name="extractor"/> (default: the samples themselves) computes on first use.</summary>
    public static GanMetricSide FromSamples(float[][] samples, IFeatureExtractor? extractor = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return new GanMetricSide(samples, extractor ?? new IdentityFeatureExtractor());
    }

    /// <summary>The raw samples (rows), before any feature net; null when the side has none in memory (statistics, streamed images).</summary>
    public float[][]? Samples { get; }

    /// <summary>Samples behind the side; null when unknown (statistics that do not record their count) or when the side holds nothing.</summary>
    public long? Count { get; }

    /// <summary>How the side's features were made; null when unknown.</summary>
    public FeatureOrigin? Origin { get; }

    /// <summary>What the side's class scores hold; <see cref="ClassScoreKind.None"/> when it has none.</summary>
    public ClassScoreKind ClassScoreKind { get; }

    /// <summary>Whether <see cref="Extraction"/> and <see cref="Features"/> are available.</summary>
    public bool HasFeatures => _extraction is not null;

    /// <summary>Whether <see cref="Statistics"/> is available.</summary>
    public bool HasStatistics => _statistics is not null;

    /// <summary>The feature vectors with their class scores (extracted now if the side extracts lazily).</summary>
    public FeatureExtraction Extraction => (_extraction ?? throw new InvalidOperationException(
        "This side holds no feature vectors (only statistics or raw samples); the metric should declare GanMetricInputs.Features.")).Value;

    /// <summary>The feature vectors, one row per sample.</summary>
    public float[][] Features => Extraction.Features;

    /// <summary>Mean and covariance of the features.</summary>
    public FeatureStatistics Statistics => (_statistics ?? throw new InvalidOperationException(
        "This side holds neither feature statistics nor features; the metric should declare GanMetricInputs.FeatureStatistics.")).Value;

    /// <summary>Length of the feature vectors; null when the side has no features.</summary>
    public int? FeatureDimension => _extraction is not null
        ? Features.FirstOrDefault()?.Length
        : _statistics?.Value.Dimension;

    /// <summary>What this side alone can give (the generated-only flags are the context's business).</summary>
    internal GanMetricInputs Inputs =>
        (HasStatistics ? GanMetricInputs.FeatureStatistics : 0)
        | (HasFeatures ? GanMetricInputs.Features : 0)
        | (ClassScoreKind != ClassScoreKind.None ? GanMetricInputs.GeneratedClassScores : 0)
        | (Samples is not null ? GanMetricInputs.Samples | GanMetricInputs.GeneratedSamples : 0);
}
