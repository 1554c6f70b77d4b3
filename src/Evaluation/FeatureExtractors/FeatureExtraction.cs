namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>The output of one <see cref="IFeatureExtractor.Extract"/> call: rows follow the input samples.</summary>
public sealed record FeatureExtraction(float[][] Features, float[][]? ClassScores, ClassScoreKind ClassScoreKind)
{
    /// <summary>Inception score of the class scores; InvalidOperationException when the extractor gave none.</summary>
    public MetricEstimate InceptionScore(int splits = Evaluation.InceptionScore.DefaultSplits) => ClassScoreKind switch
    {
        ClassScoreKind.Logits when ClassScores is not null => Evaluation.InceptionScore.FromLogits(ClassScores, splits),
        ClassScoreKind.Probabilities when ClassScores is not null => Evaluation.InceptionScore.FromProbabilities(ClassScores, splits),
        _ => throw new InvalidOperationException("The feature extractor gives no class scores, so there is no Inception score; use a classifier with a logits output."),
    };
}
