using System.Globalization;
using MlGan.Transforms.Latent;

namespace MlGan.Cli.Serving;

/// <summary>
/// What a generator's ONNX metadata_props say about it (keys "mlgan.*", written by MlGan's exporters).
/// Missing keys fall back to what the graph itself tells: the latent dimension from the input shape,
/// a Gaussian latent, the output shape from the output's static dimensions.
/// </summary>
public sealed record GeneratorMetadata(
    int LatentDimension,
    LatentDistribution LatentDistribution,
    int[] OutputShape,
    (float Low, float High)? ValueRange,
    string? LossFamily,
    string? Seed,
    string? Architecture,
    IReadOnlyDictionary<string, string> Raw)
{
    public const string LatentDimensionKey = "mlgan.latent_dimension";
    public const string LatentDistributionKey = "mlgan.latent_distribution";
    public const string OutputShapeKey = "mlgan.output_shape";
    public const string ValueRangeKey = "mlgan.value_range";
    public const string LossFamilyKey = "mlgan.loss_family";
    public const string SeedKey = "mlgan.seed";
    public const string ArchitectureKey = "mlgan.architecture";

    /// <summary>
    /// Reads the keys, cross-checked against the graph: <paramref name="inputWidth"/> is k of the [N, k] input,
    /// <paramref name="outputDims"/> the output's per-sample dimensions (-1 where symbolic).
    /// </summary>
    public static GeneratorMetadata From(IReadOnlyDictionary<string, string> raw, int inputWidth, long[] outputDims, string source)
    {
        int latent = inputWidth;
        if (raw.TryGetValue(LatentDimensionKey, out var ld))
        {
            if (!int.TryParse(ld, NumberStyles.Integer, CultureInfo.InvariantCulture, out latent) || latent != inputWidth)
                throw new InvalidDataException($"'{source}': metadata {LatentDimensionKey} = '{ld}' does not match the model input width {inputWidth}.");
        }

        var distribution = LatentDistribution.Gaussian;
        if (raw.TryGetValue(LatentDistributionKey, out var dist))
            distribution = dist.Trim().ToLowerInvariant() switch
            {
                "gaussian" => LatentDistribution.Gaussian,
                "uniform" => LatentDistribution.Uniform,
                _ => throw new InvalidDataException($"'{source}': metadata {LatentDistributionKey} = '{dist}'; expected 'gaussian' or 'uniform'."),
            };

        int[] shape;
        long staticCount = outputDims.All(d => d > 0) ? outputDims.Aggregate(1L, (a, d) => a * d) : -1;
        if (raw.TryGetValue(OutputShapeKey, out var os))
        {
            shape = ParseInts(os, OutputShapeKey, source);
            long count = shape.Aggregate(1L, (a, d) => a * d);
            if (staticCount > 0 && count != staticCount)
                throw new InvalidDataException($"'{source}': metadata {OutputShapeKey} = '{os}' holds {count} values but the model output holds {staticCount} per sample.");
        }
        else if (staticCount > 0)
            shape = outputDims.Select(d => (int)d).ToArray();
        else
            throw new InvalidDataException($"'{source}': the output's per-sample shape is not static and metadata {OutputShapeKey} is missing.");

        (float, float)? range = null;
        if (raw.TryGetValue(ValueRangeKey, out var vr))
        {
            var parts = vr.Split(',');
            if (parts.Length != 2
                || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float lo)
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float hi)
                || !(lo < hi) || !float.IsFinite(lo) || !float.IsFinite(hi))
                throw new InvalidDataException($"'{source}': metadata {ValueRangeKey} = '{vr}'; expected 'low,high' with low < high, e.g. '-1,1'.");
            range = (lo, hi);
        }

        return new GeneratorMetadata(latent, distribution, shape, range,
            raw.GetValueOrDefault(LossFamilyKey), raw.GetValueOrDefault(SeedKey), raw.GetValueOrDefault(ArchitectureKey), raw);
    }

    private static int[] ParseInts(string text, string key, string source)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] <= 0)
                throw new InvalidDataException($"'{source}': metadata {key} = '{text}'; expected positive integers separated by commas, e.g. '1,28,28'.");
        return values;
    }
}
