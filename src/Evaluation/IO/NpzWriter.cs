using System.IO.Compression;

namespace MlGan.Evaluation.IO;

/// <summary>
/// Writes a NumPy <c>.npz</c> archive the way <c>numpy.savez</c> does: a zip whose entries, named
/// <c>&lt;key&gt;.npy</c>, are stored uncompressed, so <c>numpy.load(path)[key]</c> reads each array.
/// </summary>
internal static class NpzWriter
{
    /// <summary>Writes <paramref name="arrays"/> (key without ".npy" → array) to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, NpyArray>> arrays)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (key, array) in arrays)
        {
            // NoCompression gives the zip "stored" method (0), as numpy.savez's ZIP_STORED.
            var entry = archive.CreateEntry(key + ".npy", CompressionLevel.NoCompression);
            // A fixed timestamp keeps the bytes a function of the contents alone.
            entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var entryStream = entry.Open();
            array.WriteTo(entryStream);
        }
    }
}
