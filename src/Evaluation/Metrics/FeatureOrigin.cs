using MlGan.Evaluation.FeatureExtractors;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// How a set of feature vectors was made: the extractor, the SHA-256 of its model and the preprocessing, as
/// <see cref="MetricProvenance"/> records them.
/// </summary>
/// <param name="Extractor">The extractor's <see cref="IFeatureExtractor.Name"/>.</param>
/// <param name="ExtractorSha256">SHA-256 (lower-case hex) of the extractor's model; null when it has no model file.</param>
/// <param name="Preprocessing">What was done to the samples before extraction.</param>
public sealed record FeatureOrigin(string Extractor, string? ExtractorSha256, string Preprocessing)
{
    /// <summary>Raw samples used as they are ("identity", no model, preprocessing "none").</summary>
    public static FeatureOrigin RawSamples { get; } = Of(new IdentityFeatureExtractor());

    /// <summary>Features of unknown origin (statistics files that carry no provenance, such as pytorch-fid's .npz).</summary>
    public static FeatureOrigin Unknown { get; } = new("unknown", null, "unknown");

    /// <summary>The origin of features made by <paramref name="extractor"/>.</summary>
    public static FeatureOrigin Of(IFeatureExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        return new(extractor.Name, extractor.Sha256, extractor.Preprocessing);
    }

    /// <summary>The origin that statistics file provenance records.</summary>
    public static FeatureOrigin Of(StatisticsProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return new(provenance.Extractor, provenance.ExtractorSha256, provenance.Preprocessing);
    }
}
