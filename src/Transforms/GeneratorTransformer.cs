using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;
using MlGan.Transforms.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms;

/// <summary>
/// A trained generator as an ML.NET transformer. It holds the TorchSharp network (for further training, checkpoints
/// and export) and an ML.NET <see cref="OnnxTransformer"/> over its exported graph, to which Transform, the row
/// mapper and Save are delegated: ML.NET's persistence API is internal to third-party transformers (see
/// MLNET-FACTS.md), so <c>ml.Model.Save</c> stores the ONNX model, and saved and unsaved generators compute exactly
/// the same thing.
/// <para>
/// <b>Schema rule.</b> A generator maps its latent column to its generated column. An input view without the latent
/// column passes through unchanged (EstimatorChain.Fit pushes the training data through every fitted transformer);
/// a latent column that is not a vector of <see cref="LatentDimension"/> floats is an <see cref="ArgumentException"/>
/// naming the column and the expected size. GetOutputSchema, Transform and GetRowToRowMapper (an identity mapper
/// without the latent column) all follow it.
/// </para>
/// <para>
/// <b>Always the current weights.</b> <see cref="Generator"/> stays trainable. The ONNX copy is built at the first
/// call that needs it; after that, every call that uses it (GetOutputSchema, Transform and GetRowToRowMapper with a
/// latent column, Save) first compares every parameter and buffer with the snapshot the copy was built from (exact,
/// O(parameters)) and rebuilds the copy when any differs, so they agree with <see cref="ExportOnnx(string)"/> and
/// <see cref="Generate(float[][])"/>, which read the network directly; <see cref="Refresh"/> does the same on demand. All of
/// this is thread-safe. A view returned by Transform is lazy and keeps the weights current at the call; so does a
/// row mapper (and a PredictionEngine made from it).
/// </para>
/// <para>
/// <c>ml.Model.Load</c> of a saved generator returns ML.NET's own OnnxTransformer (inside a TransformerChain), which
/// requires the latent column; <c>ml.Gan().LoadGenerator(path)</c> returns a <see cref="LoadedGenerator"/> that
/// follows the schema rule above and reads back the metadata.
/// </para>
/// </summary>
public sealed class GeneratorTransformer : ITransformer, IDisposable
{
    /// <summary>Graph input name of the file written by <see cref="ExportOnnx(string)"/>.</summary>
    public const string OnnxInputName = "latent";

    /// <summary>Graph output name of the file written by <see cref="ExportOnnx(string)"/>.</summary>
    public const string OnnxOutputName = "sample";
    /// <summary>Graph input name of a class-conditional generator's int64 labels [N].</summary>
    public const string OnnxLabelInputName = "label";

    private readonly object _sync = new();
    private OnnxGeneratorBinding _binding; // guarded by _sync; its ONNX copy is built under _sync only (EnsureCurrent)
    private Tensor[]? _snapshot;           // guarded by _sync: the weights _binding was built from; null until built
    private bool _disposed;                // guarded by _sync

    /// <summary>
    /// Wraps <paramref name="generator"/> (which this transformer then owns and disposes) as latent column →
    /// generated column. The ONNX copy is built at the first call that needs it, so a generator without ONNX export
    /// (see <see cref="IOnnxExportableGenerator"/>) still trains, generates and passes training data through.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or equal column names.</exception>
    /// <param name="ml">The ML.NET context the ONNX copy is bound in.</param>
    /// <param name="generator">The network (owned from now on).</param>
    /// <param name="metadata">What the exported ONNX model's mlgan.* properties say (its class count must be the generator's).</param>
    /// <param name="outputColumnName">The generated column.</param>
    /// <param name="latentColumnName">The latent column (vector of k Single).</param>
    /// <param name="training">What the trainer learned besides the network; null when built directly.</param>
    /// <param name="labelColumnName">A conditional generator's label column (Single class indices); null: <see cref="GanDataCatalog.LabelColumn"/> for a conditional generator, none otherwise.</param>
    public GeneratorTransformer(MLContext ml, GeneratorModule generator, GeneratorMetadata metadata,
        string outputColumnName = "Generated", string latentColumnName = GanDataCatalog.LatentColumn, Training.TrainingResult? training = null,
        string? labelColumnName = null)
    {
        TorchNative.EnsureAvailable();
        Context = Guard.NotNull(ml, nameof(ml));
        Generator = Guard.NotNull(generator, nameof(generator));
        Metadata = Guard.NotNull(metadata, nameof(metadata));
        OutputColumnName = outputColumnName;
        LatentColumnName = latentColumnName;
        Training = training;
        ClassCount = (generator as IConditionalGenerator)?.ClassCount ?? 0;
        if (metadata.ClassCount != ClassCount)
            throw new ArgumentException($"The metadata says {metadata.ClassCount} classes but the generator '{generator.Architecture}' has {ClassCount}.", nameof(metadata));
        if (ClassCount == 0 && labelColumnName is not null)
            throw new ArgumentException($"A label column ('{labelColumnName}') is for class-conditional generators; '{generator.Architecture}' is not one.", nameof(labelColumnName));
        LabelColumnName = ClassCount > 0 ? labelColumnName ?? GanDataCatalog.LabelColumn : null;
        _binding = NewBinding();
    }

    /// <summary>The ML.NET context the ONNX copy is bound in.</summary>
    public MLContext Context { get; }

    /// <summary>The TorchSharp network; training it further is seen by the next Transform, Save or Refresh.</summary>
    public GeneratorModule Generator { get; }

    /// <summary>The metadata written into the ONNX model's mlgan.* properties.</summary>
    public GeneratorMetadata Metadata { get; }

    /// <summary>The column the samples are written to.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column the latent codes are read from.</summary>
    public string LatentColumnName { get; }

    /// <summary>k: the latent column must be a vector of k floats.</summary>
    public int LatentDimension => Generator.LatentDimension;

    /// <summary>C of a class-conditional generator; 0 for an unconditional one.</summary>
    public int ClassCount { get; }

    /// <summary>The class-label column a conditional generator reads (Single class indices in [0, C)); null when unconditional.</summary>
    public string? LabelColumnName { get; }

    /// <summary>What the trainer that fitted this generator learned besides it (log, diagnostics, critic); null when built directly.</summary>
    public Training.TrainingResult? Training { get; }

    /// <summary>Always true: a generator maps rows one by one.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the generated column; the input schema itself when it has no latent column (see the schema rule).</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    /// <exception cref="NotSupportedException">With a latent column: the generator cannot be exported to ONNX.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        // A generator without the ONNX contract still has a well-defined output schema (what the estimator promised:
        // the shape the ONNX path would give), even though generating through ML.NET needs the ONNX copy.
        if (!GeneratorOnnx.CanExport(Generator) && _binding.Generates(Guard.NotNull(inputSchema, nameof(inputSchema)), nameof(inputSchema)))
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumns(inputSchema);
            builder.AddColumn(OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, Generator.OutputShape.Select(d => checked((int)d)).ToArray()));
            return builder.ToSchema();
        }
        return Current(inputSchema!, nameof(inputSchema)).GetOutputSchema(inputSchema!);
    }

    /// <summary>Generates from the current weights (lazily, through ONNX Runtime); a view without the latent column is returned as is.</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    /// <exception cref="NotSupportedException">With a latent column: the generator cannot be exported to ONNX.</exception>
    public IDataView Transform(IDataView input) => Current(Guard.NotNull(input, nameof(input)).Schema, nameof(input)).Transform(input);

    /// <summary>A row mapper over the current weights; an identity mapper when the schema has no latent column.</summary>
    /// <exception cref="ArgumentException">The latent column is not a vector of <see cref="LatentDimension"/> floats.</exception>
    /// <exception cref="NotSupportedException">With a latent column: the generator cannot be exported to ONNX.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Current(inputSchema, nameof(inputSchema)).GetRowToRowMapper(inputSchema);

    /// <summary>Forwards to the wrapped OnnxTransformer, rebuilt first if the weights changed: the zip holds the current ONNX model.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        OnnxGeneratorBinding binding;
        lock (_sync)
        {
            Live();
            EnsureCurrent();
            binding = _binding;
        }
        binding.Save(ctx);
    }

    /// <summary>
    /// Makes the ONNX copy match <see cref="Generator"/> now: builds it if it was never built, rebuilds it if any
    /// parameter or buffer differs from the weights it was built from. Transform, GetRowToRowMapper and Save do this
    /// themselves; call it to pay the export cost at a moment of your choosing. Returns true when it (re)built.
    /// </summary>
    /// <exception cref="NotSupportedException">The generator cannot be exported to ONNX.</exception>
    public bool Refresh()
    {
        lock (_sync)
        {
            Live();
            return EnsureCurrent();
        }
    }

    /// <summary>Generates samples for the given latent rows with the TorchSharp network (no ONNX): [count, OutputSize].</summary>
    /// <exception cref="ArgumentException">A row whose length is not <see cref="LatentDimension"/>.</exception>
    /// <exception cref="InvalidOperationException">The generator is class-conditional: use <see cref="Generate(float[][], long[])"/>.</exception>
    public float[][] Generate(float[][] latents) => Generate(latents, null);

    /// <summary>Generates samples of the given classes (a conditional generator) with the TorchSharp network: [count, OutputSize].</summary>
    /// <exception cref="ArgumentException">A row whose length is not <see cref="LatentDimension"/>, or labels of another count or outside [0, C).</exception>
    /// <exception cref="InvalidOperationException">Labels for an unconditional generator, or none for a conditional one.</exception>
    public float[][] Generate(float[][] latents, long[]? labels)
    {
        Guard.NotNull(latents, nameof(latents));
        if (ClassCount > 0 && labels is null)
            throw new InvalidOperationException($"The generator is class-conditional ({ClassCount} classes): pass one label per latent row.");
        if (ClassCount == 0 && labels is not null)
            throw new InvalidOperationException($"The generator '{Generator.Architecture}' is not class-conditional: it takes no labels.");
        if (labels is not null && labels.Length != latents.Length)
            throw new ArgumentException($"Expected one label per latent row ({latents.Length}); got {labels.Length}.", nameof(labels));
        TorchNative.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Generator.eval();
        var z = torch.tensor(latents.SelectMany(r => r.Length == LatentDimension ? r
            : throw new ArgumentException($"Latent rows must have length {LatentDimension}; got {r.Length}.", nameof(latents))).ToArray(),
            new long[] { latents.Length, LatentDimension });
        var y = labels is null ? Generator.forward(z) : ((IConditionalGenerator)Generator).forward(z, torch.tensor(labels));
        var output = y.reshape(latents.Length, -1).data<float>().ToArray();
        int size = Generator.OutputSize;
        return Enumerable.Range(0, latents.Length).Select(i => output[(i * size)..((i + 1) * size)]).ToArray();
    }

    /// <summary>
    /// The ONNX model of the current weights: input <paramref name="inputName"/> [N, k] (a conditional generator also
    /// has the int64 input <paramref name="labelName"/> [N]), output <paramref name="outputName"/> [N, ...shape], opset 17.
    /// </summary>
    public Onnx.Proto.ModelProto BuildModel(string inputName = OnnxInputName, string outputName = OnnxOutputName, string labelName = OnnxLabelInputName) =>
        GeneratorOnnx.Build(Generator, Metadata, inputName, outputName, labelName);

    /// <summary>Writes the current weights as ONNX (input "latent", output "sample"); atomic: no partial file on failure.</summary>
    public void ExportOnnx(string path) => OnnxModelFile.Save(BuildModel(), path);

    /// <summary>Writes the current weights as ONNX (input "latent", output "sample") to <paramref name="stream"/>.</summary>
    public void ExportOnnx(Stream stream) => OnnxModelFile.Save(BuildModel(), stream);

    /// <summary>Releases the ONNX copy, the weight snapshot and the TorchSharp network.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            _binding.Dispose();
            if (_snapshot is not null) DisposeAll(_snapshot);
            Generator.Dispose();
        }
    }

    /// <summary>The binding to use for <paramref name="schema"/>: with a latent column, its ONNX copy is current first.</summary>
    private OnnxGeneratorBinding Current(DataViewSchema schema, string paramName)
    {
        lock (_sync)
        {
            Live();
            if (_binding.Generates(schema, paramName)) EnsureCurrent();
            return _binding;
        }
    }

    /// <summary>Builds the ONNX copy, or a new one when the weights moved since; true when it did. Caller holds _sync.</summary>
    private bool EnsureCurrent()
    {
        if (_snapshot is not null && SnapshotMatches()) return false;
        GeneratorOnnx.RequireExportable(Generator); // NotSupportedException that says what to implement, before any work
        // A built copy is replaced, not disposed: lazy views returned by earlier Transform calls still read it, and its
        // ONNX Runtime session is released by the garbage collector once no view refers to it.
        if (_binding.IsBuilt) _binding = NewBinding();
        // Snapshot first, then export, both under the lock: the copy never runs weights other than those it records.
        var snapshot = Snapshot();
        try
        {
            _ = _binding.Transformer;
        }
        catch
        {
            DisposeAll(snapshot);
            if (_snapshot is not null) DisposeAll(_snapshot);
            _snapshot = null;
            _binding = NewBinding(); // a failed build is cached by the binding: let the next call try afresh
            throw;
        }
        if (_snapshot is not null) DisposeAll(_snapshot);
        _snapshot = snapshot;
        return true;
    }

    /// <summary>An unbuilt binding whose ONNX model is exported with the column names directly (no rename can collide).</summary>
    private OnnxGeneratorBinding NewBinding() =>
        new(Context, () => BuildModel(LatentColumnName, OutputColumnName, LabelColumnName ?? OnnxLabelInputName), LatentColumnName, OutputColumnName, LatentDimension, "<generator>", LabelColumnName);

    private GeneratorTransformer Live() =>
        _disposed ? throw new ObjectDisposedException(nameof(GeneratorTransformer)) : this;

    private IEnumerable<Tensor> State() => Generator.parameters().Cast<Tensor>().Concat(Generator.buffers());

    private Tensor[] Snapshot()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        // Detached from every scope: the snapshot lives as long as the ONNX copy, not as long as a caller's scope.
        return State().Select(t => t.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    private bool SnapshotMatches()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var current = State().ToArray();
        return current.Length == _snapshot!.Length && current.Zip(_snapshot).All(p => Same(p.First, p.Second));
    }

    /// <summary>Bitwise-equal values, NaN matching NaN (a diverged network must not trigger a rebuild at every call).</summary>
    private static bool Same(Tensor now, Tensor then)
    {
        if (now.dtype != then.dtype || now.device_type != then.device_type || now.device_index != then.device_index
            || !now.shape.SequenceEqual(then.shape))
            return false;
        var equal = now.eq(then);
        if (now.is_floating_point()) equal = equal.logical_or(now.isnan().logical_and(then.isnan()));
        return equal.all().item<bool>();
    }

    private static void DisposeAll(Tensor[] tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }
}
