using Microsoft.ML.OnnxRuntime;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// An ONNX model loaded into one ONNX Runtime <see cref="InferenceSession"/>: loading errors that name the model,
/// a description of its inputs and outputs, and float runs that copy their results out. Every direct use of
/// ONNX Runtime in MlGan (generator runner, feature extractors) goes through this class. Run may be called from
/// several threads at once (ONNX Runtime sessions allow concurrent runs).
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;

    /// <summary>Loads model bytes; <paramref name="source"/> names the model in every error message.</summary>
    /// <exception cref="InvalidDataException">ONNX Runtime cannot load the bytes as a model.</exception>
    public OnnxSession(byte[] model, string source = "<model>")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
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
            Inputs = _session.InputNames.Select(n => new OnnxValueDescription(n, _session.InputMetadata[n])).ToArray();
            Outputs = _session.OutputNames.Select(n => new OnnxValueDescription(n, _session.OutputMetadata[n])).ToArray();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Loads a model file; errors name the file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">ONNX Runtime cannot load the file as a model.</exception>
    public static OnnxSession Load(string path) => new(ReadModelFile(path), path);

    /// <summary>The bytes of a model file, with the error every MlGan loader gives for a missing one.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static byte[] ReadModelFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The model path must be non-empty.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model file '{path}' does not exist.", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>What the model was loaded from (a path, or the name given with the bytes).</summary>
    public string Source { get; }

    /// <summary>The graph's inputs (initializers excluded), in the model's order.</summary>
    public IReadOnlyList<OnnxValueDescription> Inputs { get; }

    /// <summary>The graph's outputs, in the model's order.</summary>
    public IReadOnlyList<OnnxValueDescription> Outputs { get; }

    /// <summary>The input called <paramref name="name"/>, or null when the model has none.</summary>
    public OnnxValueDescription? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    /// <summary>The output called <paramref name="name"/>, or null when the model has none.</summary>
    public OnnxValueDescription? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);

    /// <summary>
    /// Runs the model on one float input of the given shape (row-major <paramref name="values"/>) and returns a copy
    /// of each requested float output, in the order asked.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown or non-float input or output, no output asked, or a shape that does not hold the values.</exception>
    /// <exception cref="InvalidOperationException">ONNX Runtime failed on the input (e.g. a size the graph does not accept).</exception>
    public OnnxFloatTensor[] Run(string inputName, Memory<float> values, long[] shape, params string[] outputNames)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(outputNames);
        RequireFloat(FindInput(inputName), "input", inputName, Inputs, nameof(inputName));
        if (outputNames.Length == 0) throw new ArgumentException("Name at least one output to fetch.", nameof(outputNames));
        foreach (var name in outputNames) RequireFloat(FindOutput(name), "output", name, Outputs, nameof(outputNames));
        string shapeText = $"[{string.Join(", ", shape)}]";
        if (shape.Any(d => d < 0) || shape.Aggregate(1L, (a, d) => a * d) != values.Length)
            throw new ArgumentException($"The input shape {shapeText} does not hold the {values.Length} values given.", nameof(shape));
        try
        {
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values, shape);
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, [inputName], [input], outputNames);
            return results.Select(r => new OnnxFloatTensor(r.GetTensorTypeAndShape().Shape, r.GetTensorDataAsSpan<float>().ToArray())).ToArray();
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"'{Source}': ONNX Runtime failed on input '{inputName}' {shapeText}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs a model with one float input and one int64 input (a conditional generator's latents and labels) and
    /// returns a copy of each requested float output.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown input or output, inputs of the wrong element type, or shapes that do not hold the values.</exception>
    /// <exception cref="InvalidOperationException">ONNX Runtime failed on the inputs.</exception>
    public OnnxFloatTensor[] Run(string inputName, Memory<float> values, long[] shape, string labelName, Memory<long> labels, params string[] outputNames)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(outputNames);
        RequireFloat(FindInput(inputName), "input", inputName, Inputs, nameof(inputName));
        var label = FindInput(labelName)
            ?? throw new ArgumentException($"'{Source}' has no input '{labelName}'; its inputs are: {string.Join(", ", Inputs.Select(v => v.Name))}.", nameof(labelName));
        if (label.ElementType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
            throw new ArgumentException($"'{Source}': input '{labelName}' is {label}; labels are int64.", nameof(labelName));
        if (outputNames.Length == 0) throw new ArgumentException("Name at least one output to fetch.", nameof(outputNames));
        foreach (var name in outputNames) RequireFloat(FindOutput(name), "output", name, Outputs, nameof(outputNames));
        string shapeText = $"[{string.Join(", ", shape)}]";
        if (shape.Any(d => d < 0) || shape.Aggregate(1L, (a, d) => a * d) != values.Length)
            throw new ArgumentException($"The input shape {shapeText} does not hold the {values.Length} values given.", nameof(shape));
        try
        {
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values, shape);
            using var labelValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, labels, [labels.Length]);
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, [inputName, labelName], [input, labelValue], outputNames);
            return results.Select(r => new OnnxFloatTensor(r.GetTensorTypeAndShape().Shape, r.GetTensorDataAsSpan<float>().ToArray())).ToArray();
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"'{Source}': ONNX Runtime failed on inputs '{inputName}' {shapeText} and '{labelName}' [{labels.Length}]: {ex.Message}", ex);
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    private void RequireFloat(OnnxValueDescription? value, string kind, string name, IReadOnlyList<OnnxValueDescription> all, string paramName)
    {
        if (value is null)
            throw new ArgumentException($"'{Source}' has no {kind} '{name}'; its {kind}s are: {string.Join(", ", all.Select(v => v.Name))}.", paramName);
        if (!value.IsFloatTensor)
            throw new ArgumentException($"'{Source}': {kind} '{name}' is {value}; only float tensors are run here.", paramName);
    }
}
