using MlGan.Transforms.Latent;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// Runs a generator ONNX model outside ML.NET (the HTTP server, <c>mlgan score</c>): one <see cref="OnnxSession"/>
/// shared by all callers (runs may be concurrent). The model must map a float latent [N, k] (N dynamic, k fixed)
/// to float samples [N, ...]; its mlgan.* metadata (missing keys filled from the graph's shapes) says how to draw
/// latents and what the samples are.
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
            var input = CheckInput(_session, source);
            var output = CheckOutput(_session, source);
            (InputName, InputShape) = (input.Name, input.Dimensions.ToArray());
            (OutputName, OutputShape) = (output.Name, output.Dimensions.ToArray());
            Metadata = GeneratorMetadata.FromGraph(OnnxModelFile.Metadata(proto), InputShape[1], OutputShape[1..], source);
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

    /// <summary>Seeded latent rows from the model's latent distribution (<see cref="LatentSampler"/>).</summary>
    public float[][] SampleLatent(int count, int seed) =>
        LatentSampler.Sample(LatentDimension, count, seed, Metadata.LatentDistribution);

    /// <summary>Runs the generator on latent rows (each of length <see cref="LatentDimension"/>); one flat sample per row.</summary>
    /// <exception cref="ArgumentException">No rows, or a row of the wrong length.</exception>
    public float[][] Generate(IReadOnlyList<float[]> latents)
    {
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
        var result = _session.Run(InputName, flat, [latents.Count, k], OutputName)[0];
        if (result.Shape[0] != latents.Count || result.Values.Length != (long)latents.Count * SampleSize)
            throw new InvalidOperationException($"The model returned {result.Values.Length} values for {latents.Count} samples; expected {SampleSize} per sample.");
        return result.Rows();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    private static OnnxValueDescription CheckInput(OnnxSession session, string source)
    {
        if (session.Inputs.Count != 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one input (the latent [N, k]); this model has {session.Inputs.Count}: {string.Join(", ", session.Inputs.Select(i => i.Name))}.");
        var input = session.Inputs[0];
        var dims = input.Dimensions;
        if (!input.IsFloatTensor || dims.Count != 2 || dims[0] >= 0 || dims[1] <= 0)
            throw new InvalidDataException($"'{source}': the input '{input.Name}' must be a float tensor [N, k] with a dynamic batch N and a fixed k; it is {input}.");
        return input;
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
