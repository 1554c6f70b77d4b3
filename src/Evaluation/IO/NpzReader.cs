using System.IO.Compression;

namespace MlGan.Evaluation.IO;

/// <summary>
/// Reads arrays from a NumPy <c>.npz</c> archive (a zip of <c>.npy</c> files, as <c>numpy.savez</c> and
/// <c>numpy.savez_compressed</c> write it): entries may be stored or deflated, and each entry's CRC-32 is
/// checked. Every failure is an <see cref="InvalidDataException"/> naming the file and the entry.
/// </summary>
internal sealed class NpzReader : IDisposable
{
    private readonly string _path;
    private readonly ZipArchive _archive;

    /// <summary>Opens <paramref name="stream"/> (the contents of <paramref name="path"/>, which names it in errors); the caller keeps owning the stream.</summary>
    public NpzReader(Stream stream, string path)
    {
        _path = path;
        try { _archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e) { throw new InvalidDataException($"'{path}' is not a readable .npz (zip) archive: {e.Message}", e); }
    }

    /// <summary>The entry names in the archive, e.g. <c>mu.npy</c>.</summary>
    public IReadOnlyList<string> EntryNames => _archive.Entries.Select(e => e.FullName).ToArray();

    /// <summary>Whether the archive holds an entry of this exact name.</summary>
    public bool Contains(string entryName) => _archive.GetEntry(entryName) is not null;

    /// <summary>Reads entry <paramref name="entryName"/> (which must exist) as one .npy array.</summary>
    public NpyArray Read(string entryName, long maxElements)
    {
        string describe = $"'{_path}' entry '{entryName}'";
        var entry = _archive.GetEntry(entryName) ?? throw new InvalidDataException($"{describe} is missing.");
        if (entry.Length > Array.MaxLength) throw new InvalidDataException($"{describe} is {entry.Length} bytes, too large to read.");
        var bytes = new byte[entry.Length];
        int read;
        bool longer;
        try
        {
            using var stream = entry.Open();
            read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            longer = stream.ReadByte() >= 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Damaged deflate data or an unsupported compression method.
            throw new InvalidDataException($"{describe} cannot be decompressed: {e.Message}", e);
        }
        if (read < bytes.Length) throw new InvalidDataException($"{describe} holds {read} bytes; the zip directory promises {entry.Length} (truncated).");
        if (longer) throw new InvalidDataException($"{describe} holds more bytes than the {entry.Length} the zip directory promises.");
        uint crc = NpzCrc32.Compute(bytes);
        if (crc != entry.Crc32)
            throw new InvalidDataException($"{describe} fails its CRC-32 check (stored {entry.Crc32:x8}, computed {crc:x8}): the file is corrupt.");
        using var memory = new MemoryStream(bytes, writable: false);
        var array = NpyArray.Read(memory, describe, maxElements);
        if (memory.Position != memory.Length)
            throw new InvalidDataException($"{describe} has {memory.Length - memory.Position} bytes after the array data.");
        return array;
    }

    /// <summary>Closes the archive (not the stream).</summary>
    public void Dispose() => _archive.Dispose();
}
