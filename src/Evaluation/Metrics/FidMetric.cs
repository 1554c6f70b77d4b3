namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Fréchet distance of the Gaussians fitted to the two sides' features (<see cref="FrechetDistance"/>; FID with an
/// Inception-like net). Reads feature statistics only, so a cached statistics file can stand for either side.
/// Runs by default. Provenance parameters: <c>sqrt_route</c>, <c>smallest_eigenvalue</c>, <c>clipped_negative_mass</c>.
/// </summary>
public sealed class FidMetric() : GanMetric(Fid, [Fid], GanMetricInputs.FeatureStatistics, runsByDefault: true)
{
    /// <summary>The metric's key and value name.</summary>
    public const string Fid = "fid";

    /// <inheritdoc/>
    public override GanMetricResult Compute(GanMetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fid = FrechetDistance.ComputeDetailed(context.Real.Statistics, context.Generated.Statistics);
        return new GanMetricResult
        {
            Values = [(Fid, fid.Value)],
            Parameters = new Dictionary<string, object>
            {
                ["sqrt_route"] = fid.SqrtRoute,
                ["smallest_eigenvalue"] = fid.SmallestEigenvalue,
                ["clipped_negative_mass"] = fid.ClippedNegativeMass,
            },
            Warnings = Warnings(context),
        };
    }

    /// <summary>
    /// N &lt; d per side (from the sides' counts), then what each side's Σ shows itself (<see cref="CovarianceDiagnosis"/>):
    /// zero, constant features, or N = d.
    /// </summary>
    private static List<string> Warnings(GanMetricContext context)
    {
        var warnings = context.FewerSamplesThanFeatures((side, n, d) =>
            $"FID with {side} N = {n} < d = {d} features: the {side} covariance is singular; the value is biased and not comparable with published numbers.").ToList();
        foreach (var (label, side) in new[] { ("real", context.Real), ("generated", context.Generated) })
        {
            var s = side.Statistics;
            bool warnedFewSamples = s.HasCount && s.Count < s.Dimension;
            if ((warnedFewSamples ? CovarianceDiagnosis.DegenerateVariances(s) : CovarianceDiagnosis.Describe(s)) is { } why)
                warnings.Add($"FID with {label} statistics: the {why}; the value is biased and not comparable with published numbers.");
        }
        return warnings;
    }
}
