namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>What a classifier output holds: the Inception score takes either (softmax is applied to logits).</summary>
public enum ClassScoreKind
{
    /// <summary>No class output.</summary>
    None,
    /// <summary>Unnormalised scores; softmax gives p(y|x).</summary>
    Logits,
    /// <summary>p(y|x) itself (rows sum to 1), e.g. a network that ends in softmax.</summary>
    Probabilities,
}
