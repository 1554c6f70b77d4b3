using Microsoft.Data.Analysis;
using MlGan.Evaluation.Metrics;

namespace MlGan.Evaluation;

/// <summary>
/// The metrics of one generator evaluation, in ML.NET's metrics style: read-only values by name
/// (<see cref="GanMetric.ValueNames"/>: "fid", "kid", "kid_std", ...) with one <see cref="MetricProvenance"/> per
/// metric. The typed properties read the built-in metrics' values and are null where a metric was not computed
/// (no feature net for FID/IS/KID, no mixture target for mode metrics, ...). Compares by content.
/// </summary>
public sealed record GanMetrics
{
    /// <summary>Every computed value by name, in the order the metrics ran (registry order). The dictionary is copied on init.</summary>
    public IReadOnlyDictionary<string, double> Values
    {
        get;
        init => field = ReadOnlyValueDictionary<string, double>.From(value ?? throw new ArgumentNullException(nameof(Values)));
    } = ReadOnlyValueDictionary<string, double>.Empty;

    /// <summary>
    /// How each computed metric was obtained, keyed by its <see cref="GanMetric.Key"/> ("fid", "is", "kid",
    /// "precision_recall", "density_coverage", "nnd", "modes", or a registered metric's); empty when nothing recorded it.
    /// The dictionary is copied on init and compares by content.
    /// </summary>
    public IReadOnlyDictionary<string, MetricProvenance> Provenance
    {
        get;
        init => field = ReadOnlyValueDictionary<string, MetricProvenance>.From(value ?? throw new ArgumentNullException(nameof(Provenance)));
    } = ReadOnlyValueDictionary<string, MetricProvenance>.Empty;

    /// <summary>The value named <paramref name="name"/>; null when it was not computed.</summary>
    public double? Value(string name) => Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Fréchet distance between real and generated features (FID with an Inception-like net).</summary>
    public double? Fid { get => Value(FidMetric.Fid); init => Values = With(Values, FidMetric.Fid, value); }
    /// <summary>Inception score, mean over splits.</summary>
    public double? InceptionScore { get => Value(InceptionScoreMetric.Is); init => Values = With(Values, InceptionScoreMetric.Is, value); }
    /// <summary>Inception score, population std over splits.</summary>
    public double? InceptionScoreStd { get => Value(InceptionScoreMetric.IsStd); init => Values = With(Values, InceptionScoreMetric.IsStd, value); }
    /// <summary>Kernel Inception Distance (unbiased MMD², cubic kernel), mean over subsets.</summary>
    public double? Kid { get => Value(KidMetric.Kid); init => Values = With(Values, KidMetric.Kid, value); }
    /// <summary>KID, population std over subsets.</summary>
    public double? KidStd { get => Value(KidMetric.KidStd); init => Values = With(Values, KidMetric.KidStd, value); }
    /// <summary>Improved precision (Kynkäänniemi et al.): share of generated features inside the real k-NN manifold.</summary>
    public double? Precision { get => Value(PrecisionRecallMetric.Precision); init => Values = With(Values, PrecisionRecallMetric.Precision, value); }
    /// <summary>Improved recall: share of real features inside the generated k-NN manifold.</summary>
    public double? Recall { get => Value(PrecisionRecallMetric.Recall); init => Values = With(Values, PrecisionRecallMetric.Recall, value); }
    /// <summary>Density (Naeem et al.): mean count of real k-NN balls holding a generated feature, over k.</summary>
    public double? Density { get => Value(DensityCoverageMetric.Density); init => Values = With(Values, DensityCoverageMetric.Density, value); }
    /// <summary>Coverage (Naeem et al.): share of real k-NN balls holding a generated feature.</summary>
    public double? Coverage { get => Value(DensityCoverageMetric.Coverage); init => Values = With(Values, DensityCoverageMetric.Coverage, value); }
    /// <summary>Neural-net divergence (a freshly trained critic's objective on held-out data).</summary>
    public double? Nnd { get => Value(NeuralNetDivergenceMetric.Nnd); init => Values = With(Values, NeuralNetDivergenceMetric.Nnd, value); }
    /// <summary>Mixture target: modes covered (see <see cref="MixtureMetrics"/>).</summary>
    public int? ModesCovered { get => (int?)Value(MixtureModesMetric.Modes); init => Values = With(Values, MixtureModesMetric.Modes, value); }
    /// <summary>Mixture target: number of modes.</summary>
    public int? ModeCount { get => (int?)Value(MixtureModesMetric.ModeCount); init => Values = With(Values, MixtureModesMetric.ModeCount, value); }
    /// <summary>Mixture target: fraction of samples within k·σ of the nearest mode.</summary>
    public double? HighQualityRate { get => Value(MixtureModesMetric.HighQualityRate); init => Values = With(Values, MixtureModesMetric.HighQualityRate, value); }
    /// <summary>Mixture target: KL of the high-quality mode histogram from uniform.</summary>
    public double? ModeKlFromUniform { get => Value(MixtureModesMetric.ModeKl); init => Values = With(Values, MixtureModesMetric.ModeKl, value); }

    /// <summary>A two-column table (<c>metric</c>: the value name, <c>value</c>) with one row per computed value.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("metric", Values.Keys),
        new DoubleDataFrameColumn("value", Values.Values));

    // The typed properties write through to Values: a value set to null is removed.
    private static IReadOnlyDictionary<string, double> With(IReadOnlyDictionary<string, double> values, string name, double? value)
    {
        var copy = ReadOnlyValueDictionary<string, double>.From(values);
        return value is { } v ? copy.With(name, v) : copy.Without(name);
    }
}
