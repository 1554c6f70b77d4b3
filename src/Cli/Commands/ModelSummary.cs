using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using MlGan.Trainers.Checkpoints;
using MlGan.Transforms;
using MlGan.Transforms.Onnx;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Cli.Commands;

/// <summary>
/// What <c>mlgan info</c> prints about a model file: read from an ML.NET model zip's ONNX generator, a generator
/// <c>.onnx</c> (MlGan's, torch-fidelity's contract, or anyone's), or a training checkpoint (a <c>ckpt-*.zip</c> or a
/// directory of them). Null members were not recorded in the file.
/// </summary>
/// <param name="File">The file read (for a checkpoint directory: the checkpoint picked).</param>
/// <param name="Kind">What the file is, e.g. "ML.NET model zip (ONNX generator)".</param>
/// <param name="Architecture">The generator network, e.g. <c>dcgan</c>.</param>
/// <param name="Discriminator">The critic network (checkpoints only).</param>
/// <param name="LatentDimension">k of the latent input.</param>
/// <param name="LatentDistribution"><c>gaussian</c> or <c>uniform</c>.</param>
/// <param name="SampleShape">Shape of one sample: [n] or [C, H, W].</param>
/// <param name="SampleRange">"[low, high]", "unbounded", or "uint8 [0, 255]" for torch-fidelity's contract.</param>
/// <param name="Loss">The loss the generator was trained with.</param>
/// <param name="Seed">The training run's seed.</param>
/// <param name="TrainingSteps">Completed training steps (checkpoints record them; ONNX files do not).</param>
/// <param name="Parameters">Number of float weights and statistics (the ONNX graph's float initializer values).</param>
/// <param name="Source">Who wrote the file: MlGan's producer and version, an import's origin, a checkpoint's run.</param>
/// <param name="Inputs">The graph's inputs, "name: type [dims]".</param>
/// <param name="Outputs">The graph's outputs, "name: type [dims]".</param>
public sealed record ModelSummary(
    string File, string Kind, string? Architecture, string? Discriminator, int? LatentDimension, string? LatentDistribution,
    long[]? SampleShape, string? SampleRange, string? Loss, int? Seed, long? TrainingSteps, long? Parameters, string? Source,
    string[] Inputs, string[] Outputs)
{
    /// <summary>Reads <paramref name="path"/>; a file that is none of the three kinds → <see cref="InvalidDataException"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file or directory.</exception>
    public static ModelSummary Read(string path)
    {
        if (Directory.Exists(path) || (System.IO.File.Exists(path) && MlNetModelZip.IsZip(path) && HasEntry(path, GanCheckpoint.ManifestEntry)))
            return FromCheckpoint(GanCheckpoint.Open(path));
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        if (MlNetModelZip.IsZip(path)) return FromOnnx(path, "ML.NET model zip (ONNX generator)", MlNetModelZip.ReadOnnx(path));
        ModelProto model;
        try
        {
            model = OnnxModelFile.Load(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}' is neither an ML.NET model zip, an ONNX generator nor an MlGan checkpoint: {ex.Message}", ex);
        }
        return FromOnnx(path, "ONNX generator", model);
    }

    private static bool HasEntry(string zip, string entry)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            return archive.GetEntry(entry) is not null;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{zip}' is not a readable zip: {ex.Message}", ex);
        }
    }

    private static ModelSummary FromOnnx(string path, string kind, ModelProto model)
    {
        var props = OnnxModelFile.Metadata(model);
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = model.Graph.Input.Where(i => !initializers.Contains(i.Name)).ToArray();
        var outputs = model.Graph.Output.ToArray();
        bool fidelity = props.TryGetValue(MlGan.Transforms.Interop.TorchFidelityOnnx.ContractKey, out var contract) && contract == MlGan.Transforms.Interop.TorchFidelityOnnx.ContractValue;
        GeneratorMetadata? meta = null;
        if (!fidelity)
        {
            // The latent is the first input (a class-conditional generator's labels follow it), the samples the first
            // output; the metadata is cross-checked against both.
            if (inputs.Length == 0 || outputs.Length == 0)
                throw new InvalidDataException($"'{path}': a generator has a latent input and a sample output; this graph has {inputs.Length} inputs and {outputs.Length} outputs.");
            long[] latentDims = OnnxGraphInterface.Dims(inputs[0]), sampleDims = OnnxGraphInterface.Dims(outputs[0]);
            if (latentDims.Length != 2 || sampleDims.Length < 2)
                throw new InvalidDataException($"'{path}': the first input must be a latent [N, k] and the first output samples [N, ...]; they are [{string.Join(", ", latentDims)}] and [{string.Join(", ", sampleDims)}].");
            meta = GeneratorMetadata.FromGraph(props, latentDims[1], sampleDims[1..], path);
        }
        string? Prop(string key) => props.TryGetValue(key, out var v) ? v : null;
        int? latent = meta?.LatentDimension ?? ParseInt(Prop(GeneratorMetadata.LatentDimensionKey));
        string? distribution = meta is not null ? meta.LatentDistribution.ToString().ToLowerInvariant() : Prop(GeneratorMetadata.LatentDistributionKey);
        long[]? shape = meta?.OutputShape ?? Prop(GeneratorMetadata.OutputShapeKey)?.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        string? range = fidelity ? "uint8 [0, 255]"
            : meta!.ValueRange is { } r ? string.Create(CultureInfo.InvariantCulture, $"[{r.Low}, {r.High}]") : "unbounded";
        string source = Prop(MlGan.Trainers.Interop.PyTorchGeneratorImport.SourceKey) ?? (string.IsNullOrEmpty(model.ProducerName) ? "unknown producer"
            : $"{model.ProducerName} {model.ProducerVersion}".Trim());
        return new ModelSummary(path, fidelity ? kind + ", torch-fidelity contract" : kind,
            meta?.Architecture ?? Prop(GeneratorMetadata.ArchitectureKey), null, latent, distribution, shape, range,
            meta?.LossFamily ?? Prop(GeneratorMetadata.LossFamilyKey), meta?.Seed ?? ParseInt(Prop(GeneratorMetadata.SeedKey)), null,
            model.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float).Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d)), source,
            inputs.Select(Describe).ToArray(), outputs.Select(Describe).ToArray());
    }

    private static ModelSummary FromCheckpoint(GanCheckpoint checkpoint)
    {
        var m = checkpoint.Manifest;
        ModelSummary? onnx = m.HasOnnx ? FromOnnx(checkpoint.Path, "checkpoint", OnnxModelFile.Parse(checkpoint.GeneratorOnnx, checkpoint.Path)) : null;
        string? planned = m.Options is JsonObject o && o["Steps"] is JsonValue steps && steps.TryGetValue(out int total) ? $" of {total}" : "";
        string source = $"MlGan training checkpoint: step {m.Step}{planned}, seed {m.Seed}" + (m.HasEma ? ", generator EMA weights" : "") +
            (checkpoint.Skipped.Count > 0 ? $" (passed over unreadable newer: {string.Join("; ", checkpoint.Skipped)})" : "");
        return new ModelSummary(checkpoint.Path, "MlGan training checkpoint" + (m.HasOnnx ? " (with the generator's ONNX)" : ""),
            m.GeneratorArchitecture, m.DiscriminatorArchitecture, m.LatentDimension,
            onnx?.LatentDistribution ?? (m.Options?["LatentDistribution"]?.ToString().ToLowerInvariant()),
            m.SampleShape, onnx?.SampleRange, m.Loss, m.Seed, m.Step, onnx?.Parameters, source,
            onnx?.Inputs ?? [], onnx?.Outputs ?? []);
    }

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    private static string Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        string type = tensor is null ? "?" : ((TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant() switch
        {
            "float" => "float32", "double" => "float64", var t => t,
        };
        var dims = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? d.DimValue.ToString(CultureInfo.InvariantCulture) : string.IsNullOrEmpty(d.DimParam) ? "?" : d.DimParam) ?? [];
        return $"{value.Name}: {type} [{string.Join(", ", dims)}]";
    }
}
