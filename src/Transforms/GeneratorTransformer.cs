using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;
using MlGan.Transforms.Onnx;
using TorchSharp;

namespace MlGan.Transforms;

/// <summary>
/// A trained generator as an ML.NET transformer: latent column → generated column. It holds the TorchSharp
/// network (for further training, checkpoints and export) and an ML.NET <see cref="OnnxTransformer"/>
/// over its exported graph, to which Transform and Save are delegated: ML.NET's persistence API is internal
/// to third-party transformers (see MLNET-FACTS.md), so <c>ml.Model.Save</c> stores the ONNX model and
/// <c>ml.Model.Load</c> returns an OnnxTransformer with identical outputs; <c>ml.Gan().LoadGenerator</c>
/// re-reads the metadata. Saved and unsaved generators therefore compute exactly the same thing.
/// </summary>
public sealed class GeneratorTransformer : ITransformer, IDisposable
{
    /// <summary>Graph input/output names of the file written by <see cref="ExportOnnx(string)"/>.</summary>
    public const string OnnxInputName = "latent", OnnxOutputName = "sample";

    private readonly OnnxTransformer _onnx;

    public GeneratorTransformer(MLContext ml, GeneratorModule generator, GeneratorMetadata metadata,
        string outputColumnName = "Generated", string latentColumnName = GanDataCatalog.LatentColumn, Training.TrainingResult? training = null)
    {
        TorchNative.EnsureAvailable();
        Context = Guard.NotNull(ml, nameof(ml));
        Generator = Guard.NotNull(generator, nameof(generator));
        Metadata = Guard.NotNull(metadata, nameof(metadata));
        OutputColumnName = outputColumnName;
        LatentColumnName = latentColumnName;
        Training = training;
        // OnnxTransformer binds columns to graph names exactly, so this copy is named after the columns.
        using var bytes = new MemoryStream(BuildModel(latentColumnName, outputColumnName).ToByteArray());
        var empty = VectorDataView.FromRows(ml, Array.Empty<float[]>(), latentColumnName, LatentDimension);
        _onnx = ml.Transforms.ApplyOnnxModel(outputColumnName, latentColumnName, bytes).Fit(empty);
    }

    public MLContext Context { get; }
    public GeneratorModule Generator { get; }
    public GeneratorMetadata Metadata { get; }
    public string OutputColumnName { get; }
    public string LatentColumnName { get; }
    public int LatentDimension => Generator.LatentDimension;

    /// <summary>What the trainer that fitted this generator learned besides it (log, diagnostics, critic); null when built directly.</summary>
    public Training.TrainingResult? Training { get; }

    public bool IsRowToRowMapper => true;

    /// <summary>
    /// A view without the latent column (the training data, as EstimatorChain.Fit passes it through every fitted
    /// transformer) has nothing to generate from and passes through unchanged; a latent column of the wrong
    /// type or size is an error.
    /// </summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        if (inputSchema.GetColumnOrNull(LatentColumnName) is null) return inputSchema;
        VectorColumn.Validate(inputSchema, LatentColumnName, LatentDimension, "the generator's latent dimension");
        return _onnx.GetOutputSchema(inputSchema);
    }

    public IDataView Transform(IDataView input)
    {
        if (input.Schema.GetColumnOrNull(LatentColumnName) is null) return input;
        VectorColumn.Validate(input.Schema, LatentColumnName, LatentDimension, "the generator's latent dimension");
        return _onnx.Transform(input);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        VectorColumn.Validate(inputSchema, LatentColumnName, LatentDimension, "the generator's latent dimension");
        return ((ITransformer)_onnx).GetRowToRowMapper(inputSchema);
    }

    /// <summary>Forwards to the wrapped OnnxTransformer: the zip holds the ONNX model.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_onnx).Save(ctx);

    /// <summary>Generates samples for the given latent rows with the TorchSharp network (no ONNX): [count, OutputSize].</summary>
    public float[][] Generate(float[][] latents)
    {
        TorchNative.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Generator.eval();
        var z = torch.tensor(latents.SelectMany(r => r.Length == LatentDimension ? r
            : throw new ArgumentException($"Latent rows must have length {LatentDimension}; got {r.Length}.", nameof(latents))).ToArray(),
            new long[] { latents.Length, LatentDimension });
        var output = Generator.forward(z).reshape(latents.Length, -1).data<float>().ToArray();
        int size = Generator.OutputSize;
        return Enumerable.Range(0, latents.Length).Select(i => output[(i * size)..((i + 1) * size)]).ToArray();
    }

    /// <summary>The ONNX model: input <paramref name="inputName"/> [N, k], output <paramref name="outputName"/> [N, ...shape], opset 17.</summary>
    public Onnx.Proto.ModelProto BuildModel(string inputName = OnnxInputName, string outputName = OnnxOutputName) =>
        GeneratorOnnx.Build(Generator, Metadata, inputName, outputName);

    /// <summary>Writes the generator as ONNX (input "latent", output "sample"); atomic: no partial file on failure.</summary>
    public void ExportOnnx(string path) => OnnxModelFile.Save(BuildModel(), path);

    public void ExportOnnx(Stream stream) => OnnxModelFile.Save(BuildModel(), stream);

    public void Dispose()
    {
        _onnx.Dispose();
        Generator.Dispose();
    }
}
