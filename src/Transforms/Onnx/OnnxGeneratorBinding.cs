using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using MlGan.Transforms.Data;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// A generator's ONNX model bound to ML.NET columns, shared by <see cref="GeneratorTransformer"/> and
/// <see cref="LoadedGenerator"/>. It holds ML.NET's <see cref="OnnxTransformer"/> built from the Stream overload
/// (a private copy of the bytes, so saving never re-reads a file) over the graph renamed to the column names
/// (OnnxTransformer binds columns to graph names exactly), and it applies MlGan's schema rule: the latent column
/// maps to the generated column; a view without the latent column passes through unchanged; a latent column
/// that is not a vector of exactly k floats is an error naming the column and k. The OnnxTransformer is built on
/// first need (a view with the latent column, or Save), so a view without it never touches ONNX: a generator that
/// cannot be exported still passes training data through.
/// </summary>
internal sealed class OnnxGeneratorBinding : IDisposable
{
    private readonly Lazy<OnnxTransformer> _onnx;

    /// <summary>
    /// Binds the model <paramref name="buildModel"/> returns (any interface names) to the two columns; it is called
    /// once, at the first use that needs ONNX (or at <see cref="Transformer"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An empty column name, or the same name for both.</exception>
    public OnnxGeneratorBinding(MLContext ml, Func<Proto.ModelProto> buildModel, string latentColumnName, string outputColumnName, int latentDimension, string source,
        string? labelColumnName = null)
    {
        Guard.NotNull(ml, nameof(ml));
        Guard.NotNull(buildModel, nameof(buildModel));
        if (string.IsNullOrWhiteSpace(latentColumnName)) throw new ArgumentException("The latent column name must be non-empty.", nameof(latentColumnName));
        if (string.IsNullOrWhiteSpace(outputColumnName)) throw new ArgumentException("The output column name must be non-empty.", nameof(outputColumnName));
        if (latentColumnName == outputColumnName)
            throw new ArgumentException($"The latent and output columns must differ; both are '{latentColumnName}'.", nameof(outputColumnName));
        Guard.Positive(latentDimension, nameof(latentDimension));
        LatentColumnName = latentColumnName;
        OutputColumnName = outputColumnName;
        LatentDimension = latentDimension;
        if (labelColumnName is not null && (string.IsNullOrWhiteSpace(labelColumnName) || labelColumnName == latentColumnName || labelColumnName == outputColumnName))
            throw new ArgumentException($"The label column needs a non-empty name distinct from the latent and output columns; got '{labelColumnName}'.", nameof(labelColumnName));
        LabelColumnName = labelColumnName;
        _onnx = new Lazy<OnnxTransformer>(() => Bind(ml, buildModel(), source), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The column the latent codes are read from.</summary>
    public string LatentColumnName { get; }

    /// <summary>The column the samples are written to.</summary>
    public string OutputColumnName { get; }

    /// <summary>k: the latent column must be a vector of k floats.</summary>
    public int LatentDimension { get; }

    /// <summary>A conditional generator's class-label column (a Single scalar holding class indices); null: unconditional.</summary>
    public string? LabelColumnName { get; }

    /// <summary>
    /// The wrapped ML.NET transformer (requires the latent column), built on first access.
    /// A failure to build (InvalidDataException for a graph that is not one input → one output or whose renaming
    /// collides with an inner value; NotSupportedException for a generator without ONNX export) is thrown here.
    /// </summary>
    public OnnxTransformer Transformer => _onnx.Value;

    /// <summary>True once the OnnxTransformer has been built.</summary>
    public bool IsBuilt => _onnx.IsValueCreated;

    /// <summary>The schema rule: true when <paramref name="schema"/> has a valid latent column, false when it has none.</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    public bool Generates(DataViewSchema schema, string paramName)
    {
        Guard.NotNull(schema, paramName);
        if (schema.GetColumnOrNull(LatentColumnName) is not { } column) return false;
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType item } vector || item.RawType != typeof(float) || vector.Size != LatentDimension)
            throw new ArgumentException($"Schema mismatch for input column '{LatentColumnName}': expected a vector of {LatentDimension} Single " +
                $"(the generator's latent dimension), got {column.Type}.", paramName);
        if (LabelColumnName is not null)
        {
            var label = schema.GetColumnOrNull(LabelColumnName)
                ?? throw new ArgumentException($"The generator is class-conditional: input column '{LabelColumnName}' (the class labels) is missing.", paramName);
            if (label.Type != NumberDataViewType.Single)
                throw new ArgumentException($"Schema mismatch for label column '{LabelColumnName}': expected a Single scalar of class indices, got {label.Type} " +
                    "(convert it with ml.Transforms.Conversion.ConvertType(..., DataKind.Single)).", paramName);
        }
        return true;
    }

    /// <summary>The input schema plus the generated column, or the input schema itself when there is no latent column.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        Generates(inputSchema, nameof(inputSchema)) ? Transformer.GetOutputSchema(inputSchema) : inputSchema;

    /// <summary>The view with the generated column (lazy), or <paramref name="input"/> itself when it has no latent column.</summary>
    public IDataView Transform(IDataView input) =>
        Generates(Guard.NotNull(input, nameof(input)).Schema, nameof(input)) ? Transformer.Transform(input) : input;

    /// <summary>A row mapper adding the generated column, or an identity mapper when there is no latent column.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        Generates(inputSchema, nameof(inputSchema))
            ? ((ITransformer)Transformer).GetRowToRowMapper(inputSchema)
            // An empty chain's mapper is ML.NET's own identity: every column passes through unchanged.
            : ((ITransformer)new TransformerChain<ITransformer>()).GetRowToRowMapper(inputSchema);

    /// <summary>Writes the OnnxTransformer (and so the whole ONNX model) into an ML.NET model zip.</summary>
    public void Save(ModelSaveContext ctx) => ((ICanSaveModel)Transformer).Save(ctx);

    /// <summary>Releases the OnnxTransformer's ONNX Runtime session, if it was built.</summary>
    public void Dispose()
    {
        if (_onnx.IsValueCreated) _onnx.Value.Dispose();
    }

    /// <summary>ML.NET's OnnxTransformer over a private copy of the graph, renamed to the column names.</summary>
    private OnnxTransformer Bind(MLContext ml, Proto.ModelProto model, string source)
    {
        var renamed = OnnxGraphInterface.Rename(model, LatentColumnName, OutputColumnName, source, LabelColumnName ?? GeneratorTransformer.OnnxLabelInputName);
        if (LabelColumnName is null)
        {
            using var bytes = new MemoryStream(renamed.ToByteArray());
            var empty = VectorDataView.FromRows(ml, Array.Empty<float[]>(), LatentColumnName, LatentDimension);
            return ml.Transforms.ApplyOnnxModel(OutputColumnName, LatentColumnName, bytes).Fit(empty);
        }
        using var labelled = new MemoryStream(OnnxLabelInput.AsFloat(renamed, LabelColumnName, source).ToByteArray());
        var schemaOnly = VectorDataView.FromRows(ml, Array.Empty<float[]>(), Array.Empty<float>(), LatentColumnName, LatentDimension, LabelColumnName);
        return ml.Transforms.ApplyOnnxModel([OutputColumnName], [LatentColumnName, LabelColumnName], labelled).Fit(schemaOnly);
    }
}
