using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlGan.Evaluation;

/// <summary>
/// Where a set of feature statistics came from: which extractor (ideally pinned by the SHA-256 of its
/// model file), which preprocessing, what input shape and feature dimension, how many samples, which
/// MlGan, and optionally the data source and shard. Two statistics are comparable (one FID between them
/// means something) only when <see cref="Mismatches"/> finds nothing.
/// </summary>
/// <remarks>
/// Stored as compact JSON with snake_case keys (<see cref="ToJson"/>), inside MlGan's statistics files and
/// as the <c>mlgan_provenance</c> entry of an .npz. Equality compares <see cref="InputShape"/> by value.
/// </remarks>
public sealed record StatisticsProvenance
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        WriteIndented = false,
        // The JSON sits in binary files, never in HTML: keep non-ASCII text and '+' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The feature extractor's name, e.g. "pt_inception-2015-12-05" or a model file name.</summary>
    public required string Extractor { get; init; }

    /// <summary>Lower-case hex SHA-256 of the extractor's model file; null when unknown (then the name is compared).</summary>
    public string? ExtractorSha256 { get; init; }

    /// <summary>How images became network input, e.g. "resize=bilinear-299,scale=[-1,1]".</summary>
    public required string Preprocessing { get; init; }

    /// <summary>The extractor's input shape (e.g. [3, 299, 299]); null when not recorded.</summary>
    public int[]? InputShape { get; init; }

    /// <summary>Length d of each feature vector.</summary>
    public required int FeatureDimension { get; init; }

    /// <summary>Number of samples the statistics summarise; 0 when unknown.</summary>
    public long Count { get; init; }

    /// <summary>The MlGan that computed the statistics (defaults to <see cref="CurrentMlGanVersion"/>).</summary>
    // Required in JSON: a file without it must not be credited to the MlGan that happens to read it.
    // (The snake_case policy would spell it "ml_gan_version".)
    [JsonRequired]
    [JsonPropertyName("mlgan_version")]
    public string MlGanVersion { get; init; } = CurrentMlGanVersion;

    /// <summary>The data the features came from (e.g. an image folder), if recorded.</summary>
    public string? Source { get; init; }

    /// <summary>Which shard of the source this is, e.g. "1/3"; null for a whole set (or a merged one).</summary>
    public string? Shard { get; init; }

    /// <summary>The informational version of the MlGan.Evaluation assembly (e.g. "1.0.0+&lt;commit&gt;").</summary>
    public static string CurrentMlGanVersion { get; } =
        typeof(StatisticsProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StatisticsProvenance).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Compact JSON with snake_case keys; null members are left out.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// Parses <see cref="ToJson"/>'s output. Malformed JSON, a missing required key (extractor,
    /// preprocessing, feature_dimension, mlgan_version), a null where a value is needed or an out-of-range number gives
    /// <see cref="InvalidDataException"/>; unknown keys are ignored so newer files stay readable.
    /// </summary>
    public static StatisticsProvenance FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        StatisticsProvenance? parsed;
        try { parsed = JsonSerializer.Deserialize<StatisticsProvenance>(json, JsonOptions); }
        catch (JsonException e) { throw new InvalidDataException($"Statistics provenance is not valid JSON: {e.Message}", e); }
        if (parsed is null) throw new InvalidDataException("Statistics provenance is JSON null, not an object.");
        if (parsed.FeatureDimension < 1) throw new InvalidDataException($"Statistics provenance has feature_dimension {parsed.FeatureDimension}; it must be ≥ 1.");
        if (parsed.Count < 0) throw new InvalidDataException($"Statistics provenance has count {parsed.Count}; it must be ≥ 0 (0 = unknown).");
        if (parsed.InputShape is { } shape && shape.Any(extent => extent < 1))
            throw new InvalidDataException($"Statistics provenance has input_shape [{string.Join(", ", shape)}]; every extent must be ≥ 1.");
        return parsed;
    }

    /// <summary>
    /// One sentence per difference that makes statistics with provenance <paramref name="a"/> and
    /// <paramref name="b"/> incomparable; empty when they are comparable. Compared: the extractor's
    /// SHA-256 (its name when either SHA-256 is unknown), the preprocessing, the feature dimension and the
    /// input shape (when both record one). Count, source, shard and MlGan version never count.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(StatisticsProvenance a, StatisticsProvenance b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var differences = new List<string>();
        if (a.ExtractorSha256 is not null && b.ExtractorSha256 is not null)
        {
            if (!string.Equals(a.ExtractorSha256, b.ExtractorSha256, StringComparison.OrdinalIgnoreCase))
                differences.Add($"The extractors differ: SHA-256 {a.ExtractorSha256} ('{a.Extractor}') vs {b.ExtractorSha256} ('{b.Extractor}').");
        }
        else if (!string.Equals(a.Extractor, b.Extractor, StringComparison.Ordinal))
        {
            differences.Add($"The extractors differ: '{a.Extractor}' vs '{b.Extractor}' (compared by name: {(a.ExtractorSha256 is null && b.ExtractorSha256 is null ? "neither side records" : "one side does not record")} a SHA-256).");
        }
        if (!string.Equals(a.Preprocessing, b.Preprocessing, StringComparison.Ordinal))
            differences.Add($"The preprocessing differs: '{a.Preprocessing}' vs '{b.Preprocessing}'.");
        if (a.FeatureDimension != b.FeatureDimension)
            differences.Add($"The feature dimensions differ: {a.FeatureDimension} vs {b.FeatureDimension}.");
        if (a.InputShape is not null && b.InputShape is not null && !a.InputShape.AsSpan().SequenceEqual(b.InputShape))
            differences.Add($"The input shapes differ: [{string.Join(", ", a.InputShape)}] vs [{string.Join(", ", b.InputShape)}].");
        return differences;
    }

    /// <summary>Value equality of every member, <see cref="InputShape"/> element by element.</summary>
    public bool Equals(StatisticsProvenance? other) =>
        other is not null
        && Extractor == other.Extractor
        && ExtractorSha256 == other.ExtractorSha256
        && Preprocessing == other.Preprocessing
        && (InputShape is null ? other.InputShape is null : other.InputShape is not null && InputShape.AsSpan().SequenceEqual(other.InputShape))
        && FeatureDimension == other.FeatureDimension
        && Count == other.Count
        && MlGanVersion == other.MlGanVersion
        && Source == other.Source
        && Shard == other.Shard;

    /// <summary>A hash consistent with <see cref="Equals(StatisticsProvenance?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Extractor);
        hash.Add(ExtractorSha256);
        hash.Add(Preprocessing);
        foreach (int extent in InputShape ?? []) hash.Add(extent);
        hash.Add(FeatureDimension);
        hash.Add(Count);
        hash.Add(MlGanVersion);
        hash.Add(Source);
        hash.Add(Shard);
        return hash.ToHashCode();
    }
}
