namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>The samples themselves as features (low-dimensional targets such as Gaussian mixtures); no class scores.</summary>
public sealed class IdentityFeatureExtractor : IFeatureExtractor
{
    /// <summary>"identity".</summary>
    public string Name => "identity";

    /// <summary>None: the identity is no classifier.</summary>
    public ClassScoreKind ClassScores => ClassScoreKind.None;

    /// <summary>Null: there is no model file.</summary>
    public string? Sha256 => null;

    /// <summary>"none": the rows are used as they are.</summary>
    public string Preprocessing => "none";

    /// <summary>Copies of the rows; all must have the same, non-zero length.</summary>
    public FeatureExtraction Extract(IReadOnlyList<float[]> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var features = new float[samples.Count][];
        for (int i = 0; i < features.Length; i++)
        {
            var row = samples[i] ?? throw new ArgumentException($"samples[{i}] is null.", nameof(samples));
            if (row.Length == 0 || row.Length != samples[0].Length)
                throw new ArgumentException($"samples[{i}] has {row.Length} values but samples[0] has {samples[0].Length}; rows must share one non-zero length.", nameof(samples));
            features[i] = (float[])row.Clone();
        }
        return new FeatureExtraction(features, null, ClassScoreKind.None);
    }
}
