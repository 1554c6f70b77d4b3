using System.Globalization;
using MlGan.Transforms.Latent;

namespace MlGan.Transforms;

/// <summary>
/// What a consumer of an exported generator needs to know, written into the ONNX file's
/// <c>metadata_props</c> under the <c>mlgan.*</c> keys (read back by LoadGenerator and <c>mlgan serve</c>).
/// </summary>
public sealed record GeneratorMetadata(
    int LatentDimension,
    LatentDistribution LatentDistribution,
    long[] OutputShape,
    string Architecture,
    string LossFamily,
    int Seed,
    (double Low, double High)? ValueRange = null)
{
    public const string LatentDimensionKey = "mlgan.latent_dimension";
    public const string LatentDistributionKey = "mlgan.latent_distribution";
    public const string OutputShapeKey = "mlgan.output_shape";
    public const string ValueRangeKey = "mlgan.value_range";
    public const string LossFamilyKey = "mlgan.loss_family";
    public const string SeedKey = "mlgan.seed";
    public const string ArchitectureKey = "mlgan.architecture";

    public IReadOnlyDictionary<string, string> ToProperties()
    {
        var props = new Dictionary<string, string>
        {
            [LatentDimensionKey] = LatentDimension.ToString(CultureInfo.InvariantCulture),
            [LatentDistributionKey] = LatentDistribution == LatentDistribution.Gaussian ? "gaussian" : "uniform",
            [OutputShapeKey] = string.Join(",", OutputShape),
            [LossFamilyKey] = LossFamily,
            [SeedKey] = Seed.ToString(CultureInfo.InvariantCulture),
            [ArchitectureKey] = Architecture,
        };
        // Unbounded outputs (a linear last layer) have no range; say so rather than invent one.
        props[ValueRangeKey] = ValueRange is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Low},{r.High}")
            : "unbounded";
        return props;
    }

    /// <summary>Reads the mlgan.* keys; missing or malformed required keys → InvalidDataException.</summary>
    public static GeneratorMetadata FromProperties(IReadOnlyDictionary<string, string> props, string source)
    {
        string Get(string key) => props.TryGetValue(key, out var v)
            ? v : throw new InvalidDataException($"'{source}' has no ONNX metadata '{key}': it was not exported by MlGan.");
        try
        {
            var range = props.TryGetValue(ValueRangeKey, out var rv) && rv != "unbounded"
                ? ((double, double)?)(double.Parse(rv.Split(',')[0], CultureInfo.InvariantCulture), double.Parse(rv.Split(',')[1], CultureInfo.InvariantCulture))
                : null;
            return new GeneratorMetadata(
                int.Parse(Get(LatentDimensionKey), CultureInfo.InvariantCulture),
                Get(LatentDistributionKey) == "uniform" ? LatentDistribution.Uniform : LatentDistribution.Gaussian,
                Get(OutputShapeKey).Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                Get(ArchitectureKey),
                Get(LossFamilyKey),
                int.Parse(Get(SeedKey), CultureInfo.InvariantCulture),
                range);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"'{source}' has malformed MlGan ONNX metadata: {ex.Message}", ex);
        }
    }
}
