namespace MlGan.Evaluation.Metrics;

/// <summary>
/// What a <see cref="GanMetric"/> reads from a <see cref="GanMetricContext"/> (combinable flags). The evaluator
/// runs a metric only when the context holds everything it needs, and records in its provenance what it read
/// (see <see cref="GanMetric.Needs"/>).
/// </summary>
[Flags]
public enum GanMetricInputs
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Mean and covariance of the features of both sides (<see cref="GanMetricSide.Statistics"/>); a statistics file gives these.</summary>
    FeatureStatistics = 1,
    /// <summary>The feature vectors of both sides (<see cref="GanMetricSide.Features"/>).</summary>
    Features = 2,
    /// <summary>The class scores (logits or probabilities) of the generated samples (<see cref="GanMetricSide.Extraction"/>).</summary>
    GeneratedClassScores = 4,
    /// <summary>The raw samples of both sides, before any feature net (<see cref="GanMetricSide.Samples"/>).</summary>
    Samples = 8,
    /// <summary>The raw generated samples.</summary>
    GeneratedSamples = 16,
    /// <summary>The Gaussian mixture the real data came from (<see cref="GanMetricContext.MixtureTarget"/>).</summary>
    MixtureTarget = 32,
}
