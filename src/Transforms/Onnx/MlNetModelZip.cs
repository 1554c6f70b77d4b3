using System.Buffers.Binary;
using System.IO.Compression;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// Reads the ONNX model out of an ML.NET model zip written by <c>ml.Model.Save</c> of a GeneratorTransformer (which
/// forwards to ML.NET's OnnxTransformer). Layout in ML.NET 5: <c>TransformerChain/OnnxModel</c> (or
/// <c>…/Transform_i/OnnxModel</c> inside a pipeline's chain) holds the model as a length-prefixed byte array:
/// an Int32 little-endian length, then the ONNX bytes. With several ONNX transformers, the generator is the one
/// carrying mlgan.* metadata, the last one if several do.
/// </summary>
public static class MlNetModelZip
{
    /// <summary>Name of the zip entry in which ML.NET's OnnxTransformer stores its model.</summary>
    public const string OnnxEntryName = "OnnxModel";

    /// <summary>True when the file starts with the zip signature "PK\x03\x04".</summary>
    public static bool IsZip(string path)
    {
        using var f = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return f.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
    }

    /// <summary>
    /// The generator's ONNX model from an ML.NET model zip: the <see cref="OnnxEntryName"/> entry carrying
    /// <c>mlgan.*</c> metadata (else any), the last transformer's where several qualify.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a zip, no ONNX entry, or an entry that is not ML.NET's length-prefixed ONNX model.</exception>
    public static ModelProto ReadOnnx(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The model path must be non-empty.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}' is not a readable zip: {ex.Message}", ex);
        }
        var models = new List<(string Entry, ModelProto Model)>();
        using (zip)
            foreach (var entry in zip.Entries.Where(e => e.Name == OnnxEntryName))
            {
                using var s = entry.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                string source = $"{path}!{entry.FullName}";
                models.Add((entry.FullName, OnnxModelFile.Parse(Unprefix(m.ToArray(), source), source)));
            }
        if (models.Count == 0)
            throw new InvalidDataException($"'{path}' holds no ONNX model: it is not an ML.NET zip of an ONNX-backed transformer (such as ml.Model.Save of an MlGan generator).");
        var ours = models.Where(m => m.Model.MetadataProps.Any(p => p.Key.StartsWith("mlgan.", StringComparison.Ordinal))).ToList();
        var pick = ours.Count > 0 ? ours : models;
        // Chain entries are numbered Transform_0, Transform_1, …: the last transformer has the highest number.
        return pick.OrderBy(m => m.Entry.Length).ThenBy(m => m.Entry, StringComparer.Ordinal).Last().Model;
    }

    private static byte[] Unprefix(byte[] bytes, string source)
    {
        if (bytes.Length < 4) throw new InvalidDataException($"'{source}' is too short to hold an ONNX model ({bytes.Length} bytes).");
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (length != bytes.Length - 4)
            throw new InvalidDataException($"'{source}': length prefix {length} does not match the {bytes.Length - 4} bytes that follow; not ML.NET's OnnxModel layout.");
        return bytes[4..];
    }
}
