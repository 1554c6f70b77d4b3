using MlGan.Transforms;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Density and coverage of the two sides' features (<see cref="DensityCoverage"/>, k-NN balls of the real
/// features). O(N²) time, so it runs only when requested. Known also as "dc", and with precision/recall as
/// "prdc". Provenance parameter: <c>k</c>.
/// </summary>
public sealed class DensityCoverageMetric : GanMetric
{
    /// <summary>The metric's key.</summary>
    public const string DensityCoverage = "density_coverage";

    /// <summary>The name of the density value.</summary>
    public const string Density = "density";

    /// <summary>The name of the coverage value.</summary>
    public const string Coverage = "coverage";

    /// <summary>A metric with k-NN balls of <paramref name="k"/> ≥ 1 neighbours (default 5, the authors' choice).</summary>
    public DensityCoverageMetric(int k = Evaluation.DensityCoverage.DefaultK)
        : base(DensityCoverage, [Density, Coverage], GanMetricInputs.Features, aliases: ["dc", "prdc"])
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
        var dc = Evaluation.DensityCoverage.Compute(context.Real.Features, context.Generated.Features, K);
        return new GanMetricResult
        {
            Values = [(Density, dc.Density), (Coverage, dc.Coverage)],
            Parameters = new Dictionary<string, object> { ["k"] = K },
        };
    }
}
