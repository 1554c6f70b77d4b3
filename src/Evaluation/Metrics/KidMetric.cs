using MlGan.Transforms;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Kernel Inception Distance of the two sides' features (<see cref="KernelInceptionDistance"/>): mean and std over
/// random subsets drawn with the context's seed. Runs by default. Provenance parameters: <c>subsets</c>,
/// <c>subset_size</c> (the size drawn: the request capped by both sample counts).
/// </summary>
public sealed class KidMetric : GanMetric
{
    /// <summary>The metric's key and the name of its mean.</summary>
    public const string Kid = "kid";

    /// <summary>The name of the std over subsets.</summary>
    public const string KidStd = "kid_std";

    /// <summary>A metric over <paramref name="subsets"/> ≥ 1 subsets (default 100) of <paramref name="subsetSize"/> ≥ 2 rows (default 1000).</summary>
    public KidMetric(int subsets = KernelInceptionDistance.DefaultSubsets, int subsetSize = KernelInceptionDistance.DefaultSubsetSize)
        : base(Kid, [Kid, KidStd], GanMetricInputs.Features, runsByDefault: true)
    {
        Guard.AtLeast(subsets, 1, nameof(subsets));
        Guard.AtLeast(subsetSize, 2, nameof(subsetSize));
        Subsets = subsets;
        SubsetSize = subsetSize;
    }

    /// <summary>Random subsets averaged over.</summary>
    public int Subsets { get; }

    /// <summary>Rows of each side per subset (capped by the sample counts).</summary>
    public int SubsetSize { get; }

    /// <inheritdoc/>
    public override GanMetricResult Compute(GanMetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        float[][] real = context.Real.Features, fake = context.Generated.Features;
        var kid = KernelInceptionDistance.Compute(real, fake, Subsets, SubsetSize, context.Seed);
        return new GanMetricResult
        {
            Values = [(Kid, kid.Mean), (KidStd, kid.Std)],
            Parameters = new Dictionary<string, object>
            {
                ["subsets"] = Subsets,
                ["subset_size"] = Math.Min(SubsetSize, Math.Min(real.Length, fake.Length)),
            },
            Seed = context.Seed,
            Warnings = context.FewerSamplesThanFeatures((side, n, d) =>
                $"KID with {side} N = {n} < d = {d} features: the estimate stays unbiased but its variance is large (see kid_std) and it is not comparable with published numbers."),
        };
    }
}
