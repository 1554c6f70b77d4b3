using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlGan.Transforms;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Serving;

/// <summary>
/// A generator ONNX model behind one <see cref="InferenceSession"/>, shared by all requests (ORT sessions
/// allow concurrent Run calls). The model must map a float latent [N, k] (N dynamic) to float samples [N, ...].
/// </summary>
public sealed class OnnxGenerator : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName, _outputName;

    public OnnxGenerator(string path) : this(LoadBytes(path), path) { }

    public OnnxGenerator(byte[] model, string source = "<model>")
    {
        ArgumentNullException.ThrowIfNull(model);
        var proto = OnnxModelFile.Parse(model, source); // InvalidDataException for non-ONNX bytes
        try
        {
            _session = new InferenceSession(model);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"'{source}': ONNX Runtime cannot load the model: {ex.Message}", ex);
        }
        try
        {
            (_inputName, InputShape) = CheckInput(_session, source);
            (_outputName, OutputShape) = CheckOutput(_session, source);
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

    public string Source { get; }
    public GeneratorMetadata Metadata { get; }
    public int LatentDimension => Metadata.LatentDimension;
    /// <summary>Per-sample output shape, e.g. [2] or [1, 28, 28].</summary>
    public int[] SampleShape { get; }
    public int SampleSize => SampleShape.Aggregate(1, (a, d) => a * d);
    /// <summary>Input dims as ORT reports them (-1 for the dynamic batch).</summary>
    public long[] InputShape { get; }
    public long[] OutputShape { get; }
    public string InputName => _inputName;
    public string OutputName => _outputName;

    /// <summary>Seeded latent rows from the model's latent distribution.</summary>
    public float[][] SampleLatent(int count, int seed) =>
        LatentSampler.Sample(LatentDimension, count, seed, Metadata.LatentDistribution);

    /// <summary>Runs the generator on latent rows (each of length <see cref="LatentDimension"/>); one flat sample per row.</summary>
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
        using var input = OrtValue.CreateTensorValueFromMemory(flat, [latents.Count, k]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [_inputName], [input], [_outputName]);
        var data = results[0].GetTensorDataAsSpan<float>();
        int size = SampleSize;
        if (data.Length != latents.Count * size)
            throw new InvalidOperationException($"The model returned {data.Length} values for {latents.Count} samples; expected {size} per sample.");
        var samples = new float[latents.Count][];
        for (int n = 0; n < samples.Length; n++) samples[n] = data.Slice(n * size, size).ToArray();
        return samples;
    }

    public void Dispose() => _session.Dispose();

    private static byte[] LoadBytes(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The model path must be non-empty.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model file '{path}' does not exist.", path);
        return File.ReadAllBytes(path);
    }

    private static (string, long[]) CheckInput(InferenceSession session, string source)
    {
        if (session.InputMetadata.Count != 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one input (the latent [N, k]); this model has {session.InputMetadata.Count}: {string.Join(", ", session.InputMetadata.Keys)}.");
        var (name, meta) = session.InputMetadata.Single();
        long[] dims = meta.IsTensor ? meta.Dimensions.Select(d => (long)d).ToArray() : [];
        bool ok = meta.IsTensor && meta.ElementDataType == TensorElementType.Float && dims.Length == 2 && dims[0] < 0 && dims[1] > 0;
        if (!ok)
            throw new InvalidDataException($"'{source}': the input '{name}' must be a float tensor [N, k] with a dynamic batch N and a fixed k; " +
                $"it is {(meta.IsTensor ? meta.ElementDataType.ToString() : "a non-tensor")} [{Describe(meta)}].");
        return (name, dims);
    }

    private static (string, long[]) CheckOutput(InferenceSession session, string source)
    {
        if (session.OutputMetadata.Count != 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one output (the samples); this model has {session.OutputMetadata.Count}: {string.Join(", ", session.OutputMetadata.Keys)}.");
        var (name, meta) = session.OutputMetadata.Single();
        long[] dims = meta.IsTensor ? meta.Dimensions.Select(d => (long)d).ToArray() : [];
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float || dims.Length < 2)
            throw new InvalidDataException($"'{source}': the output '{name}' must be a float tensor [N, ...]; it is [{Describe(meta)}].");
        return (name, dims);
    }

    private static string Describe(NodeMetadata meta) => !meta.IsTensor ? "" :
        string.Join(", ", meta.Dimensions.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : meta.SymbolicDimensions.Length > i && meta.SymbolicDimensions[i].Length > 0 ? meta.SymbolicDimensions[i] : "?"));
}
