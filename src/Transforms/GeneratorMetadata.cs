using System.Globalization;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Transforms;

/// <summary>
/// What a consumer of an exported generator needs to know, written into the ONNX file's
/// <c>metadata_props</c> under the <c>mlgan.*</c> keys (read back by LoadGenerator, <c>mlgan export</c> and
/// <c>mlgan serve</c>). Architecture, loss family and seed are informational and may be absent (null) in files
/// not written by MlGan.
/// </summary>
/// <param name="LatentDimension">k, the width of the latent input (≥ 1).</param>
/// <param name="LatentDistribution">The distribution latent codes are drawn from.</param>
/// <param name="OutputShape">Shape of one sample: [n] for vectors, [C, H, W] for images.</param>
/// <param name="Architecture">Network name such as <c>mlp</c> or <c>dcgan</c>; null when unknown.</param>
/// <param name="LossFamily">Name of the loss the generator was trained with; null when unknown.</param>
/// <param name="Seed">Seed of the training run; null when unknown.</param>
/// <param name="ValueRange">Range of the output values, e.g. (−1, 1) under tanh; null for unbounded outputs. Default null.</param>
public sealed record GeneratorMetadata(
    int LatentDimension,
    LatentDistribution LatentDistribution,
    long[] OutputShape,
    string? Architecture,
    string? LossFamily,
    int? Seed,
    (double Low, double High)? ValueRange = null)
{
    /// <summary>Metadata key of <see cref="LatentDimension"/> (a positive integer).</summary>
    public const string LatentDimensionKey = "mlgan.latent_dimension";
    /// <summary>Metadata key of <see cref="LatentDistribution"/> (<c>gaussian</c> or <c>uniform</c>).</summary>
    public const string LatentDistributionKey = "mlgan.latent_distribution";
    /// <summary>Metadata key of <see cref="OutputShape"/> (positive integers separated by commas, e.g. <c>1,28,28</c>).</summary>
    public const string OutputShapeKey = "mlgan.output_shape";
    /// <summary>Metadata key of <see cref="ValueRange"/> (<c>low,high</c>, or <c>unbounded</c>).</summary>
    public const string ValueRangeKey = "mlgan.value_range";
    /// <summary>Metadata key of <see cref="LossFamily"/>.</summary>
    public const string LossFamilyKey = "mlgan.loss_family";
    /// <summary>Metadata key of <see cref="Seed"/> (an integer).</summary>
    public const string SeedKey = "mlgan.seed";
    /// <summary>Metadata key of <see cref="Architecture"/>.</summary>
    public const string ArchitectureKey = "mlgan.architecture";
    /// <summary>Metadata key of <see cref="ClassCount"/> (an integer ≥ 2; absent for unconditional generators).</summary>
    public const string ClassCountKey = "mlgan.class_count";

    /// <summary>C of a class-conditional generator (its ONNX graph has an int64 <c>label</c> input [N] in [0, C)); 0: unconditional.</summary>
    public int ClassCount { get; init; }

    /// <summary>True for a class-conditional generator (<see cref="ClassCount"/> ≥ 2).</summary>
    public bool IsConditional => ClassCount > 0;

    /// <summary>The metadata_props this was read from (all keys, MlGan's or not); empty when built in code.</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The <c>mlgan.*</c> metadata_props for this record, in invariant culture; null architecture, loss family
    /// and seed are left out, a null value range is written as <c>unbounded</c>. <see cref="Raw"/> is not copied.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToProperties()
    {
        var props = new Dictionary<string, string>
        {
            [LatentDimensionKey] = LatentDimension.ToString(CultureInfo.InvariantCulture),
            [LatentDistributionKey] = LatentDistribution == LatentDistribution.Gaussian ? "gaussian" : "uniform",
            [OutputShapeKey] = string.Join(",", OutputShape),
        };
        if (LossFamily is not null) props[LossFamilyKey] = LossFamily;
        if (Seed is { } s) props[SeedKey] = s.ToString(CultureInfo.InvariantCulture);
        if (Architecture is not null) props[ArchitectureKey] = Architecture;
        if (ClassCount > 0) props[ClassCountKey] = ClassCount.ToString(CultureInfo.InvariantCulture);
        // Unbounded outputs (a linear last layer) have no range; say so rather than invent one.
        props[ValueRangeKey] = ValueRange is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Low},{r.High}")
            : "unbounded";
        return props;
    }

    /// <summary>Reads the mlgan.* keys of an MlGan export; a missing or malformed required key → InvalidDataException.</summary>
    public static GeneratorMetadata FromProperties(IReadOnlyDictionary<string, string> props, string source)
    {
        string Get(string key) => props.TryGetValue(key, out var v)
            ? v : throw new InvalidDataException($"'{source}' has no ONNX metadata '{key}': it was not exported by MlGan.");
        return new GeneratorMetadata(
            ParseLatentDimension(Get(LatentDimensionKey), source),
            ParseDistribution(Get(LatentDistributionKey), source),
            ParseShape(Get(OutputShapeKey), source),
            Get(ArchitectureKey),
            Get(LossFamilyKey),
            ParseSeed(Get(SeedKey), source),
            ParseRange(props, source)) { Raw = props, ClassCount = ParseClassCount(props, source) };
    }

    /// <summary>
    /// Reads the keys of any generator graph, cross-checked against it: <paramref name="inputWidth"/> is k of its
    /// [N, k] input and <paramref name="outputDims"/> the output's per-sample dimensions (≤ 0 where symbolic). Missing
    /// keys fall back to what the graph tells: k from the input, a Gaussian latent, the output's static shape, no
    /// value range; a key contradicting the graph → InvalidDataException.
    /// </summary>
    public static GeneratorMetadata FromGraph(IReadOnlyDictionary<string, string> props, long inputWidth, long[] outputDims, string source)
    {
        Guard.NotNull(props, nameof(props));
        Guard.NotNull(outputDims, nameof(outputDims));
        if (inputWidth <= 0 || inputWidth > int.MaxValue)
            throw new InvalidDataException($"'{source}': the latent input must have a fixed width k ≥ 1; it has {inputWidth}.");
        int latent = (int)inputWidth;
        if (props.TryGetValue(LatentDimensionKey, out var ld) && ParseLatentDimension(ld, source) != inputWidth)
            throw new InvalidDataException($"'{source}': metadata {LatentDimensionKey} = '{ld}' does not match the model input width {inputWidth}.");
        var distribution = props.TryGetValue(LatentDistributionKey, out var dist) ? ParseDistribution(dist, source) : LatentDistribution.Gaussian;

        long[] shape;
        long staticCount = outputDims.All(d => d > 0) ? outputDims.Aggregate(1L, (a, d) => a * d) : -1;
        if (props.TryGetValue(OutputShapeKey, out var os))
        {
            shape = ParseShape(os, source);
            long count = shape.Aggregate(1L, (a, d) => a * d);
            if (staticCount > 0 && count != staticCount)
                throw new InvalidDataException($"'{source}': metadata {OutputShapeKey} = '{os}' holds {count} values but the model output holds {staticCount} per sample.");
        }
        else if (staticCount > 0)
            shape = outputDims.ToArray();
        else
            throw new InvalidDataException($"'{source}': the output's per-sample shape is not static and metadata {OutputShapeKey} is missing.");

        return new GeneratorMetadata(latent, distribution, shape,
            props.GetValueOrDefault(ArchitectureKey), props.GetValueOrDefault(LossFamilyKey),
            props.TryGetValue(SeedKey, out var seed) ? ParseSeed(seed, source) : null,
            ParseRange(props, source)) { Raw = props, ClassCount = ParseClassCount(props, source) };
    }

    /// <summary><see cref="FromGraph"/> on a model: one float input [N, k], one float output [N, ...].</summary>
    public static GeneratorMetadata FromModel(ModelProto model, string source)
    {
        Guard.NotNull(model, nameof(model));
        var (input, output) = Onnx.OnnxGraphInterface.Single(model, source);
        long[] inDims = Onnx.OnnxGraphInterface.Dims(input);
        long[] outDims = Onnx.OnnxGraphInterface.Dims(output);
        if (inDims.Length != 2)
            throw new InvalidDataException($"'{source}': the input '{input.Name}' must be [N, k]; it has {inDims.Length} dimensions.");
        if (outDims.Length < 2)
            throw new InvalidDataException($"'{source}': the output '{output.Name}' must be [N, ...]; it has {outDims.Length} dimensions.");
        var metadata = FromGraph(Onnx.OnnxModelFile.Metadata(model), inDims[1], outDims[1..], source);
        bool hasLabel = Onnx.OnnxGraphInterface.Label(model) is not null;
        if (hasLabel && !metadata.IsConditional)
            throw new InvalidDataException($"'{source}': the model has an int64 label input but no metadata {ClassCountKey}: the number of classes is unknown.");
        if (!hasLabel && metadata.IsConditional)
            throw new InvalidDataException($"'{source}': metadata {ClassCountKey} = {metadata.ClassCount} but the model has no int64 label input.");
        return metadata;
    }

    private static int ParseClassCount(IReadOnlyDictionary<string, string> props, string source) =>
        !props.TryGetValue(ClassCountKey, out var text) ? 0
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c >= 2 ? c
            : throw new InvalidDataException($"'{source}': metadata {ClassCountKey} = '{text}'; expected an integer ≥ 2.");

    private static int ParseLatentDimension(string text, string source) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k > 0 ? k
            : throw new InvalidDataException($"'{source}': metadata {LatentDimensionKey} = '{text}'; expected a positive integer.");

    private static int ParseSeed(string text, string source) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s
            : throw new InvalidDataException($"'{source}': metadata {SeedKey} = '{text}'; expected an integer.");

    private static LatentDistribution ParseDistribution(string text, string source) => text.Trim().ToLowerInvariant() switch
    {
        "gaussian" => LatentDistribution.Gaussian,
        "uniform" => LatentDistribution.Uniform,
        _ => throw new InvalidDataException($"'{source}': metadata {LatentDistributionKey} = '{text}'; expected 'gaussian' or 'uniform'."),
    };

    private static long[] ParseShape(string text, string source)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] <= 0)
                throw new InvalidDataException($"'{source}': metadata {OutputShapeKey} = '{text}'; expected positive integers separated by commas, e.g. '1,28,28'.");
        return values;
    }

    private static (double, double)? ParseRange(IReadOnlyDictionary<string, string> props, string source)
    {
        if (!props.TryGetValue(ValueRangeKey, out var text) || text.Trim() == "unbounded") return null;
        var parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double hi)
            || !(lo < hi) || !double.IsFinite(lo) || !double.IsFinite(hi))
            throw new InvalidDataException($"'{source}': metadata {ValueRangeKey} = '{text}'; expected 'low,high' with low < high (e.g. '-1,1') or 'unbounded'.");
        return (lo, hi);
    }
}
