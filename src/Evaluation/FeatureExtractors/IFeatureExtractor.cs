namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>
/// Maps samples (flat float vectors, e.g. 784 pixels of a 28×28 image) to the feature vectors that FID and
/// KID compare, and, when the network is a classifier, to the class scores the Inception score needs.
/// </summary>
public interface IFeatureExtractor
{
    /// <summary>A short description for logs and tables (e.g. the model file).</summary>
    string Name { get; }

    /// <summary>What <see cref="FeatureExtraction.ClassScores"/> holds; <see cref="ClassScoreKind.None"/> when the extractor gives none.</summary>
    ClassScoreKind ClassScores { get; }

    /// <summary>
    /// SHA-256 of the model bytes as lower-case hex, recorded in <see cref="MetricProvenance.ExtractorSha256"/>;
    /// null (the default) when the extractor has no model file.
    /// </summary>
    string? Sha256 => null;

    /// <summary>
    /// What is done to a sample before the network sees it (resize, scaling, layout), recorded in
    /// <see cref="MetricProvenance.Preprocessing"/>; "none" by default.
    /// </summary>
    string Preprocessing => "none";

    /// <summary>Features (and class scores when <see cref="ClassScores"/> is not None) of every sample, in order.</summary>
    FeatureExtraction Extract(IReadOnlyList<float[]> samples);
}

/// <summary>Conveniences over <see cref="IFeatureExtractor"/>.</summary>
public static class FeatureExtractorExtensions
{
    /// <summary>Features only.</summary>
    public static float[][] ExtractFeatures(this IFeatureExtractor extractor, IReadOnlyList<float[]> samples) =>
        MlGan.Transforms.Guard.NotNull(extractor, nameof(extractor)).Extract(samples).Features;
}
