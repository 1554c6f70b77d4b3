using MlGan.Transforms;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Inception score of the generated samples' class scores (<see cref="InceptionScore"/>): mean and std over
/// splits. Needs a feature extractor that gives class scores; runs by default when it does. Provenance
/// parameters: <c>splits</c>, <c>class_scores</c> ("logits" or "probabilities").
/// </summary>
public sealed class InceptionScoreMetric : GanMetric
{
    /// <summary>The metric's key and the name of its mean.</summary>
    public const string Is = "is";

    /// <summary>The name of the std over splits.</summary>
    public const string IsStd = "is_std";

    /// <summary>A metric over <paramref name="splits"/> ≥ 1 consecutive parts of the samples (default 10, as Salimans et al.).</summary>
    public InceptionScoreMetric(int splits = InceptionScore.DefaultSplits)
        : base(Is, [Is, IsStd], GanMetricInputs.GeneratedClassScores, runsByDefault: true)
    {
        Guard.AtLeast(splits, 1, nameof(splits));
        Splits = splits;
    }

    /// <summary>Parts the samples are cut into.</summary>
    public int Splits { get; }

    /// <inheritdoc/>
    public override GanMetricResult Compute(GanMetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var extraction = context.Generated.Extraction;
        var score = extraction.InceptionScore(Splits);
        return new GanMetricResult
        {
            Values = [(Is, score.Mean), (IsStd, score.Std)],
            Parameters = new Dictionary<string, object>
            {
                ["splits"] = Splits,
                ["class_scores"] = extraction.ClassScoreKind.ToString().ToLowerInvariant(),
            },
        };
    }
}
