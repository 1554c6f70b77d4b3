namespace MlGan.Evaluation.Metrics;

/// <summary>
/// What one <see cref="GanMetric.Compute"/> call found: its values, and for its <see cref="MetricProvenance"/> the
/// settings and diagnostics it used, the warnings a reader of the values must see and the seed of its randomness.
/// The evaluator adds what the metric read (extractor, sample counts, dimension) from <see cref="GanMetric.Needs"/>.
/// </summary>
public sealed class GanMetricResult
{
    /// <summary>(value name, value) pairs; each name is one of the metric's <see cref="GanMetric.ValueNames"/>. A value left out is undefined (null in <see cref="GanMetrics"/>).</summary>
    public required IReadOnlyList<(string Name, double Value)> Values
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Values));
    }

    /// <summary>Settings and diagnostics by snake_case name (see <see cref="MetricProvenance.Parameters"/>); empty by default.</summary>
    public IReadOnlyDictionary<string, object> Parameters
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Parameters));
    } = new Dictionary<string, object>();

    /// <summary>Conditions that make the values unreliable or not comparable; empty by default.</summary>
    public IReadOnlyList<string> Warnings
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Warnings));
    } = [];

    /// <summary>Seed of the metric's randomness; null (the default) for deterministic metrics.</summary>
    public int? Seed { get; init; }
}
