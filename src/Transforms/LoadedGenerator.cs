using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using MlGan.Transforms.Onnx;

namespace MlGan.Transforms;

/// <summary>
/// A generator read back from an ML.NET zip or an .onnx file by <c>ml.Gan().LoadGenerator(path)</c>: an ML.NET
/// <see cref="OnnxTransformer"/> (latent column → generated column) with the <see cref="GeneratorMetadata"/> of its
/// file. Save forwards to the OnnxTransformer, so it round-trips through <c>ml.Model.Save</c> like the
/// <see cref="GeneratorTransformer"/> it came from.
/// <para>
/// <b>Schema rule</b> (the same as GeneratorTransformer's). A generator maps its latent column to its generated
/// column. An input view without the latent column passes through unchanged (EstimatorChain.Fit pushes the training
/// data through every fitted transformer); a latent column that is not a vector of <see cref="LatentDimension"/>
/// floats is an <see cref="ArgumentException"/> naming the column and the expected size. GetOutputSchema, Transform
/// and GetRowToRowMapper (an identity mapper without the latent column) all follow it.
/// </para>
/// <para>
/// <c>ml.Model.Load</c> of the same zip returns ML.NET's own OnnxTransformer, which requires the latent column and
/// knows no metadata; load through <c>ml.Gan().LoadGenerator</c> for this rule.
/// </para>
/// </summary>
public sealed class LoadedGenerator : ITransformer, IDisposable
{
    private readonly OnnxGeneratorBinding _binding;
    private readonly Onnx.Proto.ModelProto _model;

    internal LoadedGenerator(MLContext ml, Onnx.Proto.ModelProto model, GeneratorMetadata metadata, string latentColumnName,
        string outputColumnName, string source)
    {
        Metadata = metadata;
        Source = source;
        _model = OnnxGraphInterface.Rename(model, GeneratorTransformer.OnnxInputName, GeneratorTransformer.OnnxOutputName, source);
        _binding = new OnnxGeneratorBinding(ml, () => model, latentColumnName, outputColumnName, metadata.LatentDimension, source,
            metadata.IsConditional ? Data.GanDataCatalog.LabelColumn : null);
        _ = _binding.Transformer; // built now, so a model ONNX Runtime cannot run fails at LoadGenerator, not at first use
    }

    /// <summary>The generator's metadata, from the file's mlgan.* properties and graph shapes.</summary>
    public GeneratorMetadata Metadata { get; }

    /// <summary>k: the latent column must be a vector of k floats.</summary>
    public int LatentDimension => Metadata.LatentDimension;

    /// <summary>The column the latent codes are read from.</summary>
    public string LatentColumnName => _binding.LatentColumnName;

    /// <summary>The column the samples are written to.</summary>
    public string OutputColumnName => _binding.OutputColumnName;

    /// <summary>A conditional generator's label column (<c>Label</c>, Single class indices); null when unconditional.</summary>
    public string? LabelColumnName => _binding.LabelColumnName;

    /// <summary>The file it was loaded from.</summary>
    public string Source { get; }

    /// <summary>The wrapped ML.NET transformer (which, unlike this class, requires the latent column).</summary>
    public OnnxTransformer OnnxTransformer => _binding.Transformer;

    /// <summary>The model with MlGan's export names: input "latent", output "sample" (a copy).</summary>
    public Onnx.Proto.ModelProto OnnxModel => _model.Clone();

    /// <summary>Writes the model as a standalone .onnx (input "latent", output "sample"), atomically.</summary>
    public void ExportOnnx(string path) => OnnxModelFile.Save(_model, path);

    /// <summary>Always true: a generator maps rows one by one.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the generated column; the input schema itself when it has no latent column (see the schema rule).</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _binding.GetOutputSchema(inputSchema);

    /// <summary>Generates (lazily, through ONNX Runtime); a view without the latent column is returned as is.</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    public IDataView Transform(IDataView input) => _binding.Transform(input);

    /// <summary>A row mapper adding the generated column; an identity mapper when the schema has no latent column.</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _binding.GetRowToRowMapper(inputSchema);

    /// <summary>Forwards to the wrapped OnnxTransformer: the zip holds the ONNX model.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _binding.Save(ctx);

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _binding.Dispose();
}
