namespace MlGan.Evaluation;

/// <summary>
/// The json names of the metric families: the keys of <see cref="GanMetrics.Provenance"/> (and of the CLI's
/// <c>--metrics</c> list).
/// </summary>
public static class GanMetricNames
{
    /// <summary><see cref="GanMetricKinds.Fid"/>.</summary>
    public const string Fid = "fid";
    /// <summary><see cref="GanMetricKinds.InceptionScore"/>.</summary>
    public const string InceptionScore = "is";
    /// <summary><see cref="GanMetricKinds.Kid"/>.</summary>
    public const string Kid = "kid";
    /// <summary><see cref="GanMetricKinds.PrecisionRecall"/>.</summary>
    public const string PrecisionRecall = "precision_recall";
    /// <summary><see cref="GanMetricKinds.DensityCoverage"/>.</summary>
    public const string DensityCoverage = "density_coverage";
    /// <summary><see cref="GanMetricKinds.Nnd"/>.</summary>
    public const string Nnd = "nnd";
    /// <summary><see cref="GanMetricKinds.Mixture"/>.</summary>
    public const string Mixture = "modes";

    /// <summary>Every name, in the order <see cref="GanMetrics.Provenance"/> lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Fid, InceptionScore, Kid, PrecisionRecall, DensityCoverage, Nnd, Mixture];

    /// <summary>The name of one metric flag; ArgumentException for None, combined or unknown flags.</summary>
    public static string Of(GanMetricKinds metric) => metric switch
    {
        GanMetricKinds.Fid => Fid,
        GanMetricKinds.InceptionScore => InceptionScore,
        GanMetricKinds.Kid => Kid,
        GanMetricKinds.PrecisionRecall => PrecisionRecall,
        GanMetricKinds.DensityCoverage => DensityCoverage,
        GanMetricKinds.Nnd => Nnd,
        GanMetricKinds.Mixture => Mixture,
        _ => throw new ArgumentException($"{metric} is not a single metric flag.", nameof(metric)),
    };
}
