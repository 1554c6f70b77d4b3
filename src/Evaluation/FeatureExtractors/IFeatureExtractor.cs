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

    /// <summary>Features (and class scores when <see cref="ClassScores"/> is not None) of every sample, in order.</summary>
    FeatureExtraction Extract(IReadOnlyList<float[]> samples);
}

public static class FeatureExtractorExtensions
{
    /// <summary>Features only.</summary>
    public static float[][] ExtractFeatures(this IFeatureExtractor extractor, IReadOnlyList<float[]> samples) =>
        MlGan.Transforms.Guard.NotNull(extractor, nameof(extractor)).Extract(samples).Features;
}
