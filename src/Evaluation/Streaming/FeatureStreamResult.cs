using MlGan.Evaluation.FeatureExtractors;

namespace MlGan.Evaluation.Streaming;

/// <summary>What <see cref="FeatureStream.Run"/> produced: running moments of the features, and the rows when asked.</summary>
public sealed class FeatureStreamResult
{
    internal FeatureStreamResult(RunningMoments moments, float[][]? features, float[][]? classScores, ClassScoreKind classScoreKind, IReadOnlyList<string> skipped)
    {
        Moments = moments;
        Features = features;
        ClassScores = classScores;
        ClassScoreKind = classScoreKind;
        Skipped = skipped;
    }

    /// <summary>Float64 mean and co-moment of every feature row, in input order.</summary>
    public RunningMoments Moments { get; }

    /// <summary>Samples whose features were computed.</summary>
    public long Count => Moments.Count;

    /// <summary>Feature rows (null unless <see cref="FeatureStreamOptions.KeepFeatures"/>).</summary>
    public float[][]? Features { get; }

    /// <summary>Class scores (null unless kept and given by the extractor).</summary>
    public float[][]? ClassScores { get; }

    /// <summary>What <see cref="ClassScores"/> holds.</summary>
    public ClassScoreKind ClassScoreKind { get; }

    /// <summary>Names of the samples skipped as unreadable (only with <see cref="FeatureStreamOptions.SkipBad"/>).</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The features with their class scores, for the Inception score (needs KeepFeatures and KeepClassScores).</summary>
    public FeatureExtraction ToExtraction() => new(
        Features ?? throw new InvalidOperationException("The features were not kept; set FeatureStreamOptions.KeepFeatures."),
        ClassScores, ClassScores is null ? ClassScoreKind.None : ClassScoreKind);
}
