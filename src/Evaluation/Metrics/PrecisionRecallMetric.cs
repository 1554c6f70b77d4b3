using MlGan.Transforms;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Improved precision and recall of the two sides' features (<see cref="PrecisionRecall"/>, k-NN balls). O(N²)
/// time, so it runs only when requested. Known also as "pr", and with density/coverage as "prdc". Provenance
/// parameter: <c>k</c>.
/// </summary>
public sealed class PrecisionRecallMetric : GanMetric
{
    /// <summary>The metric's key.</summary>
    public const string PrecisionRecall = "precision_recall";

    /// <summary>The name of the precision value.</summary>
    public const string Precision = "precision";

    /// <summary>The name of the recall value.</summary>
    public const string Recall = "recall";

    /// <summary>A metric with k-NN balls of <paramref name="k"/> ≥ 1 neighbours (default 3, the authors' choice).</summary>
    public PrecisionRecallMetric(int k = Evaluation.PrecisionRecall.DefaultK)
        : base(PrecisionRecall, [Precision, Recall], GanMetricInputs.Features, aliases: ["pr", "prdc"])
    {
        Guard.Positive(k, nameof(k));
        K = k;
    }

    /// <summary>Neighbours whose distance sets a ball's radius.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public override GanMetricResult Compute(GanMetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pr = Evaluation.PrecisionRecall.Compute(context.Real.Features, context.Generated.Features, K);
        return new GanMetricResult
        {
            Values = [(Precision, pr.Precision), (Recall, pr.Recall)],
            Parameters = new Dictionary<string, object> { ["k"] = K },
        };
    }
}
