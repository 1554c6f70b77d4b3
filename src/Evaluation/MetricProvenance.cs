namespace MlGan.Evaluation;

/// <summary>
/// How one metric of a <see cref="GanMetrics"/> was computed: what the samples went through, how many there
/// were, the metric's own settings and diagnostics, and warnings that bear on comparing the value with others.
/// Compares by value, collections included.
/// </summary>
public sealed record MetricProvenance
{
    /// <summary>The feature extractor's <see cref="FeatureExtractors.IFeatureExtractor.Name"/>; "identity" for metrics on raw samples.</summary>
    public required string Extractor
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Extractor));
    }

    /// <summary>SHA-256 (lower-case hex) of the extractor's model bytes; null when there is no model file.</summary>
    public string? ExtractorSha256 { get; init; }

    /// <summary>What was done to the samples before extraction (<see cref="FeatureExtractors.IFeatureExtractor.Preprocessing"/>).</summary>
    public required string Preprocessing
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Preprocessing));
    }

    /// <summary>
    /// Real samples the metric read (0 for metrics of the generated set alone: IS, the mixture metrics); null when
    /// unknown (statistics that do not record their count, such as pytorch-fid's .npz).
    /// </summary>
    public required int? RealCount
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(RealCount), value, "RealCount must be ≥ 0.");
    }

    /// <summary>Generated samples the metric read; null when unknown.</summary>
    public required int? FakeCount
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FakeCount), value, "FakeCount must be ≥ 0.");
    }

    /// <summary>Length of the vectors the metric read: features; class scores for IS; raw samples for NND and the mixture metrics.</summary>
    public int? FeatureDimension { get; init; }

    /// <summary>Seed of the metric's randomness (KID subsets, NND critic); null for deterministic metrics.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// The metric's settings and diagnostics by snake_case name (e.g. fid: <c>sqrt_route</c>, <c>smallest_eigenvalue</c>,
    /// <c>clipped_negative_mass</c>; kid: <c>subsets</c>, <c>subset_size</c>). Values are double, int, long, string or bool.
    /// </summary>
    public IReadOnlyDictionary<string, object> Parameters
    {
        get;
        init => field = CheckParameters(value);
    } = ReadOnlyValueDictionary<string, object>.Empty;

    /// <summary>Conditions that make the value unreliable or not comparable (e.g. fewer samples than feature dimensions).</summary>
    public IReadOnlyList<string> Warnings
    {
        get;
        init => field = ReadOnlyValueList<string>.From(value ?? throw new ArgumentNullException(nameof(Warnings)));
    } = ReadOnlyValueList<string>.Empty;

    private static ReadOnlyValueDictionary<string, object> CheckParameters(IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters, nameof(Parameters));
        foreach (var (key, value) in parameters)
            if (value is not (double or int or long or string or bool))
                throw new ArgumentException(
                    $"Parameters[\"{key}\"] is {(value is null ? "null" : value.GetType().Name)}; values must be double, int, long, string or bool.",
                    nameof(Parameters));
        return ReadOnlyValueDictionary<string, object>.From(parameters);
    }
}
