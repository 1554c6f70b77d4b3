using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using MlGan.Transforms.Data;
using MlGan.Transforms.Onnx;

namespace MlGan.Transforms;

/// <summary>
/// A generator read back from an ML.NET zip or an .onnx file by <c>ml.Gan().LoadGenerator(path)</c>: an
/// ML.NET <see cref="OnnxTransformer"/> (latent column → generated column) with the <see cref="GeneratorMetadata"/>
/// of its file. Save forwards to the OnnxTransformer, so it round-trips through <c>ml.Model.Save</c> like the
/// GeneratorTransformer it came from.
/// </summary>
public sealed class LoadedGenerator : ITransformer, IDisposable
{
    private readonly OnnxTransformer _onnx;
    private readonly Onnx.Proto.ModelProto _model;

    internal LoadedGenerator(MLContext ml, Onnx.Proto.ModelProto model, GeneratorMetadata metadata, string latentColumnName,
        string outputColumnName, string source)
    {
        Metadata = metadata;
        LatentColumnName = latentColumnName;
        OutputColumnName = outputColumnName;
        Source = source;
        _model = OnnxGraphInterface.Rename(model, GeneratorTransformer.OnnxInputName, GeneratorTransformer.OnnxOutputName, source);
        // OnnxTransformer binds columns to graph names exactly: its copy of the graph is named after the columns.
        using var bytes = new MemoryStream(OnnxGraphInterface.Rename(model, latentColumnName, outputColumnName, source).ToByteArray());
        var empty = VectorDataView.FromRows(ml, Array.Empty<float[]>(), latentColumnName, LatentDimension);
        _onnx = ml.Transforms.ApplyOnnxModel(outputColumnName, latentColumnName, bytes).Fit(empty);
    }

    public GeneratorMetadata Metadata { get; }
    public int LatentDimension => Metadata.LatentDimension;
    public string LatentColumnName { get; }
    public string OutputColumnName { get; }
    /// <summary>The file it was loaded from.</summary>
    public string Source { get; }
    /// <summary>The wrapped ML.NET transformer.</summary>
    public OnnxTransformer OnnxTransformer => _onnx;

    /// <summary>The model with MlGan's export names: input "latent", output "sample" (a copy).</summary>
    public Onnx.Proto.ModelProto OnnxModel => _model.Clone();

    /// <summary>Writes the model as a standalone .onnx (input "latent", output "sample"), atomically.</summary>
    public void ExportOnnx(string path) => OnnxModelFile.Save(_model, path);

    public bool IsRowToRowMapper => true;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        VectorColumn.Validate(inputSchema, LatentColumnName, LatentDimension, "the generator's latent dimension");
        return _onnx.GetOutputSchema(inputSchema);
    }

    public IDataView Transform(IDataView input)
    {
        VectorColumn.Validate(input.Schema, LatentColumnName, LatentDimension, "the generator's latent dimension");
        return _onnx.Transform(input);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        VectorColumn.Validate(inputSchema, LatentColumnName, LatentDimension, "the generator's latent dimension");
        return ((ITransformer)_onnx).GetRowToRowMapper(inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_onnx).Save(ctx);

    public void Dispose() => _onnx.Dispose();
}
