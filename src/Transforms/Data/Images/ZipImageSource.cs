using System.IO.Compression;

namespace MlGan.Transforms.Data.Images;

/// <summary>
/// The image entries of a zip file, named by their full entry name. One archive handle is shared; every
/// read goes through a lock, since a <see cref="ZipArchive"/> and its entry streams are not thread-safe.
/// </summary>
internal sealed class ZipImageSource : ImageSource
{
    private readonly string _path;
    private readonly ZipArchive _archive;
    private readonly ZipArchiveEntry[] _entries;
    private readonly string[] _names;
    private readonly Lock _gate = new();

    public ZipImageSource(string path)
    {
        _path = path;
        try
        {
            _archive = ZipFile.OpenRead(path);
            _entries = _archive.Entries
                .Where(e => !e.FullName.EndsWith('/') && IsImageName(e.FullName))
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .ToArray();
        }
        catch (InvalidDataException e)
        {
            _archive?.Dispose();
            throw new InvalidDataException($"'{path}' is not a readable zip file: {e.Message}", e);
        }
        _names = _entries.Select(e => e.FullName).ToArray();
    }

    public override IReadOnlyList<string> Names => _names;

    public override byte[] ReadBytes(int index)
    {
        var entry = _entries[index];
        if (entry.Length > Array.MaxLength)
            throw new InvalidDataException($"'{_path}': entry '{entry.FullName}' is {entry.Length} bytes, too large to read.");
        lock (_gate)
        {
            try
            {
                using var stream = entry.Open();
                var buffer = new MemoryStream((int)entry.Length);
                stream.CopyTo(buffer);
                if (buffer.Length != entry.Length)
                    throw new InvalidDataException($"it inflates to {buffer.Length} bytes; the directory says {entry.Length}.");
                return buffer.ToArray();
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new InvalidDataException($"'{_path}': entry '{entry.FullName}' cannot be read: {e.Message}", e);
            }
        }
    }

    // An entry stream cannot be shared between threads, so a header read inflates the (small) entry under the lock.
    public override Stream OpenRead(int index) => new MemoryStream(ReadBytes(index), writable: false);

    protected override void Close()
    {
        lock (_gate) _archive.Dispose();
    }
}
