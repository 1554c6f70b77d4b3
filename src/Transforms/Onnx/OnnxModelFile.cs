using Google.Protobuf;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Transforms.Onnx;

/// <summary>Reads and writes .onnx files; protobuf failures surface as exceptions that name the file.</summary>
public static class OnnxModelFile
{
    /// <summary>
    /// Writes atomically: the bytes go to a temporary file beside <paramref name="path"/>, which is then renamed
    /// over it, so a reader never sees half a model and a failed write leaves no partial file.
    /// </summary>
    public static void Save(ModelProto model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The ONNX file path must be non-empty.", nameof(path));
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory part.", nameof(path));
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                model.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"Could not write the ONNX model to '{full}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes the model's protobuf bytes to <paramref name="stream"/> at its position; the stream stays open.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="stream"/> is null.</exception>
    public static void Save(ModelProto model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        model.WriteTo(stream);
    }

    /// <summary>Loads and sanity-checks a model; truncated or non-ONNX files give <see cref="InvalidDataException"/>.</summary>
    public static ModelProto Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The ONNX file path must be non-empty.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model file '{path}' does not exist.", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses model bytes; <paramref name="source"/> names them in error messages.</summary>
    public static ModelProto Parse(byte[] bytes, string source = "<bytes>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"'{source}' is not a readable ONNX model (truncated or not ONNX): {ex.Message}", ex);
        }
        // Protobuf accepts many byte strings (the empty one included) as a valid empty message: require the
        // fields every real model has.
        if (model.IrVersion <= 0)
            throw new InvalidDataException($"'{source}' is not an ONNX model: it has no IR version.");
        if (model.Graph is null)
            throw new InvalidDataException($"'{source}' is not a complete ONNX model: it has no graph (truncated?).");
        if (model.OpsetImport.Count == 0)
            throw new InvalidDataException($"'{source}' is not a complete ONNX model: it imports no operator set (truncated?).");
        return model;
    }

    /// <summary>The model's metadata_props as a dictionary (a repeated key keeps its last value).</summary>
    public static IReadOnlyDictionary<string, string> Metadata(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in model.MetadataProps) d[e.Key] = e.Value;
        return d;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }
}
