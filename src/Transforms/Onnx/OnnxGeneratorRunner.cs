using MlGan.Transforms.Latent;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// Runs a generator ONNX model outside ML.NET (the HTTP server, <c>mlgan score</c>): one <see cref="OnnxSession"/>
/// shared by all callers (runs may be concurrent). The model must map a float latent [N, k] (N dynamic, k fixed) —
/// and for a class-conditional generator int64 labels [N] (metadata mlgan.class_count) — to float samples [N, ...];
/// its mlgan.* metadata (missing keys filled from the graph's shapes) says how to draw latents and what the samples are.
/// </summary>
public sealed class OnnxGeneratorRunner : IDisposable
{
    private readonly OnnxSession _session;

    /// <summary>Loads a generator .onnx file; errors name the file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not an ONNX model, not a latent → sample generator, or metadata that contradicts the graph.</exception>
    public OnnxGeneratorRunner(string path) : this(OnnxSession.ReadModelFile(path), path) { }

    /// <summary>Loads generator model bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="InvalidDataException">Not an ONNX model, not a latent → sample generator, or metadata that contradicts the graph.</exception>
    public OnnxGeneratorRunner(byte[] model, string source = "<model>")
    {
        ArgumentNullException.ThrowIfNull(model);
        // Parsed here too: the protobuf reader names truncation precisely, and the metadata lives in the proto.
        var proto = OnnxModelFile.Parse(model, source);
        _session = new OnnxSession(model, source);
        try
        {
            var (input, label) = CheckInputs(_session, source);
            var output = CheckOutput(_session, source);
            (InputName, InputShape) = (input.Name, input.Dimensions.ToArray());
            (OutputName, OutputShape) = (output.Name, output.Dimensions.ToArray());
            LabelInputName = label?.Name;
            Metadata = GeneratorMetadata.FromGraph(OnnxModelFile.Metadata(proto), InputShape[1], OutputShape[1..], source);
            if (label is not null && !Metadata.IsConditional)
                throw new InvalidDataException($"'{source}': the model has an int64 label input '{label.Name}' but no metadata {GeneratorMetadata.ClassCountKey}: the number of classes is unknown.");
            if (label is null && Metadata.IsConditional)
                throw new InvalidDataException($"'{source}': metadata {GeneratorMetadata.ClassCountKey} = {Metadata.ClassCount} but the model has no int64 label input.");
            SampleShape = Metadata.OutputShape.Select(d => checked((int)d)).ToArray();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        Source = source;
    }

    /// <summary>What the model was loaded from (a path, or the name given with the bytes).</summary>
    public string Source { get; }

    /// <summary>The generator's metadata: latent size and distribution, sample shape, value range, provenance.</summary>
    public GeneratorMetadata Metadata { get; }

    /// <summary>k, the width of each latent row.</summary>
    public int LatentDimension => Metadata.LatentDimension;

    /// <summary>Per-sample output shape, e.g. [2] or [1, 28, 28].</summary>
    public int[] SampleShape { get; }

    /// <summary>Values in one sample (the product of <see cref="SampleShape"/>).</summary>
    public int SampleSize => SampleShape.Aggregate(1, (a, d) => a * d);

    /// <summary>Input dims as ONNX Runtime reports them (-1 for the dynamic batch).</summary>
    public long[] InputShape { get; }

    /// <summary>Output dims as ONNX Runtime reports them (-1 where symbolic).</summary>
    public long[] OutputShape { get; }

    /// <summary>The graph's input name.</summary>
    public string InputName { get; }

    /// <summary>The graph's output name.</summary>
    public string OutputName { get; }

    /// <summary>The int64 label input of a class-conditional generator; null when unconditional.</summary>
    public string? LabelInputName { get; }

    /// <summary>C of a class-conditional generator (labels in [0, C)); 0 when unconditional.</summary>
    public int ClassCount => Metadata.ClassCount;

    /// <summary>
    /// Labels for <paramref name="count"/> samples of a conditional generator: <paramref name="classes"/> (null: all
    /// classes) cycled in order, so every class gets ⌊count / |classes|⌋ or one more — a balanced draw FID can compare.
    /// </summary>
    /// <exception cref="ArgumentException">A class outside [0, C), or an empty list.</exception>
    public long[] BalancedLabels(int count, IReadOnlyList<int>? classes = null)
    {
        if (!Metadata.IsConditional) throw new InvalidOperationException($"'{Source}' is not class-conditional.");
        var pool = classes ?? Enumerable.Range(0, ClassCount).ToArray();
        if (pool.Count == 0) throw new ArgumentException("Name at least one class.", nameof(classes));
        foreach (int c in pool)
            if (c < 0 || c >= ClassCount) throw new ArgumentException($"Class {c} is outside the generator's classes [0, {ClassCount}).", nameof(classes));
        return Enumerable.Range(0, count).Select(i => (long)pool[i % pool.Count]).ToArray();
    }

    /// <summary>Seeded latent rows from the model's latent distribution (<see cref="LatentSampler"/>).</summary>
    public float[][] SampleLatent(int count, int seed) =>
        LatentSampler.Sample(LatentDimension, count, seed, Metadata.LatentDistribution);

    /// <summary>Runs the generator on latent rows (each of length <see cref="LatentDimension"/>); one flat sample per row.</summary>
    /// <exception cref="ArgumentException">No rows, or a row of the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The generator is class-conditional: pass labels.</exception>
    public float[][] Generate(IReadOnlyList<float[]> latents) => Generate(latents, null);

    /// <summary>Runs a (conditional) generator on latent rows and one class label per row; one flat sample per row.</summary>
    /// <exception cref="ArgumentException">No rows, a row of the wrong length, labels of another count or outside [0, C).</exception>
    /// <exception cref="InvalidOperationException">Labels for an unconditional generator or none for a conditional one.</exception>
    public float[][] Generate(IReadOnlyList<float[]> latents, IReadOnlyList<long>? labels)
    {
        if (Metadata.IsConditional && labels is null)
            throw new InvalidOperationException($"'{Source}' is class-conditional ({ClassCount} classes): pass one label per latent row.");
        if (!Metadata.IsConditional && labels is not null)
            throw new InvalidOperationException($"'{Source}' is not class-conditional: it takes no labels.");
        ArgumentNullException.ThrowIfNull(latents);
        if (latents.Count == 0) throw new ArgumentException("At least one latent row is needed.", nameof(latents));
        int k = LatentDimension;
        var flat = new float[latents.Count * k];
        for (int n = 0; n < latents.Count; n++)
        {
            if (latents[n] is not { } row || row.Length != k)
                throw new ArgumentException($"Latent row {n} has length {latents[n]?.Length ?? 0}; the model expects {k}.", nameof(latents));
            row.CopyTo(flat, n * k);
        }
        OnnxFloatTensor result;
        if (labels is null)
            result = _session.Run(InputName, flat, [latents.Count, k], OutputName)[0];
        else
        {
            if (labels.Count != latents.Count)
                throw new ArgumentException($"Expected one label per latent row ({latents.Count}); got {labels.Count}.", nameof(labels));
            for (int n = 0; n < labels.Count; n++)
                if (labels[n] < 0 || labels[n] >= ClassCount)
                    throw new ArgumentException($"Label {labels[n]} (row {n}) is outside the generator's classes [0, {ClassCount}).", nameof(labels));
            result = _session.Run(InputName, flat, [latents.Count, k], LabelInputName!, labels.ToArray(), OutputName)[0];
        }
        if (result.Shape[0] != latents.Count || result.Values.Length != (long)latents.Count * SampleSize)
            throw new InvalidOperationException($"The model returned {result.Values.Length} values for {latents.Count} samples; expected {SampleSize} per sample.");
        return result.Rows();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    private static (OnnxValueDescription Latent, OnnxValueDescription? Label) CheckInputs(OnnxSession session, string source)
    {
        var labels = session.Inputs.Where(i => i.ElementType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64).ToArray();
        var others = session.Inputs.Where(i => i.ElementType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64).ToArray();
        if (others.Length != 1 || labels.Length > 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one input, the latent [N, k] (a conditional one adds an int64 label input [N]); this model has {session.Inputs.Count}: {string.Join(", ", session.Inputs.Select(i => i.Name))}.");
        var input = others[0];
        var label = labels.SingleOrDefault();
        if (label is not null && label.Rank != 1)
            throw new InvalidDataException($"'{source}': the label input '{label.Name}' must be int64 [N]; it is {label}.");
        var dims = input.Dimensions;
        if (!input.IsFloatTensor || dims.Count != 2 || dims[0] >= 0 || dims[1] <= 0)
            throw new InvalidDataException($"'{source}': the input '{input.Name}' must be a float tensor [N, k] with a dynamic batch N and a fixed k; it is {input}.");
        return (input, label);
    }

    private static OnnxValueDescription CheckOutput(OnnxSession session, string source)
    {
        if (session.Outputs.Count != 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one output (the samples); this model has {session.Outputs.Count}: {string.Join(", ", session.Outputs.Select(o => o.Name))}.");
        var output = session.Outputs[0];
        if (!output.IsFloatTensor || output.Rank < 2)
            throw new InvalidDataException($"'{source}': the output '{output.Name}' must be a float tensor [N, ...]; it is {output}.");
        return output;
    }
}
