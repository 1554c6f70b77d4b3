namespace MlGan.Transforms.Data.Images;

/// <summary>
/// The image files of a directory (recursively) or of a .zip, in a fixed order: files ending (any case) in
/// .png, .jpg, .jpeg, .bmp or .webp, sorted by their relative path with '/' separators (zip: by entry full
/// name) under <see cref="StringComparer.Ordinal"/>. Nothing is decoded here; <see cref="ReadBytes"/> hands
/// out a file's bytes and may be called from several threads at once. <see cref="Shard"/> cuts the list into
/// deterministic contiguous parts for jobs that split the work.
/// </summary>
public sealed class ImageCollection : IDisposable
{
    /// <summary>The file name endings that make an image, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    private readonly ImageSource _source;
    private readonly int _offset;
    private int _disposed;

    private ImageCollection(ImageSource source, string path, int offset, int count)
    {
        _source = source;
        Source = path;
        _offset = offset;
        Count = count;
    }

    /// <summary>
    /// Lists the images of <paramref name="path"/>: a directory (searched recursively) or a .zip file.
    /// Throws <see cref="DirectoryNotFoundException"/> / <see cref="FileNotFoundException"/> when it does not
    /// exist, <see cref="InvalidDataException"/> when the zip is unreadable, and <see cref="ArgumentException"/>
    /// when it holds no images or is some other kind of file.
    /// </summary>
    public static ImageCollection Open(string path)
    {
        Guard.NotNull(path, nameof(path));
        if (path.Length == 0) throw new ArgumentException("The image path is empty: expected a directory or a .zip file.", nameof(path));
        bool isZip = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        ImageSource source;
        if (Directory.Exists(path)) source = new FolderImageSource(path);
        else if (File.Exists(path))
            source = isZip ? new ZipImageSource(path)
                : throw new ArgumentException($"'{path}' is a file but not a .zip: expected a directory of images or a .zip of them.", nameof(path));
        else if (isZip) throw new FileNotFoundException($"Image zip '{path}' does not exist.", path);
        else throw new DirectoryNotFoundException($"Image directory '{path}' does not exist.");

        if (source.Names.Count == 0)
        {
            source.Release();
            throw new ArgumentException($"no images (png, jpg, jpeg, bmp, webp) in '{path}'.", nameof(path));
        }
        return new ImageCollection(source, path, 0, source.Names.Count);
    }

    /// <summary>The path given to <see cref="Open"/> (shards keep their parent's).</summary>
    public string Source { get; }

    /// <summary>Number of images in this collection (or shard).</summary>
    public int Count { get; }

    /// <summary>Index of this collection's first image in the full sorted listing of <see cref="Source"/>: 0 unless it is a shard.</summary>
    public int Offset => _offset;

    /// <summary>The image's relative path ('/' separators) or zip entry name.</summary>
    public string NameOf(int index) => _source.Names[Checked(index)];

    /// <summary>All bytes of the image file at <paramref name="index"/>. Thread-safe.</summary>
    public byte[] ReadBytes(int index) => _source.ReadBytes(Checked(index));

    /// <summary>
    /// A readable, seekable stream over the image file at <paramref name="index"/> (the caller disposes it):
    /// a file stream for a directory, so headers can be read without loading the file. Thread-safe.
    /// </summary>
    public Stream OpenRead(int index) => _source.OpenRead(Checked(index));

    /// <summary>
    /// Shard <paramref name="index"/> of <paramref name="count"/>: the images [⌊index·N/count⌋, ⌊(index+1)·N/count⌋)
    /// of this collection's N, so the shards partition it in order. The shard shares this collection's source
    /// (zip handle) and stays usable after this collection is disposed; dispose it too. A shard is empty only
    /// when N &lt; count, which is an <see cref="ArgumentException"/>.
    /// </summary>
    public ImageCollection Shard(int index, int count)
    {
        Guard.Positive(count, nameof(count));
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Shard index must lie in [0, {count - 1}] for {count} shards; got {index}.");
        ThrowIfDisposed();
        int first = (int)((long)index * Count / count), end = (int)((long)(index + 1) * Count / count);
        if (first == end)
            throw new ArgumentException(
                $"Shard {index} of {count} of '{Source}' is empty: it holds only {Count} images, fewer than the {count} shards.", nameof(count));
        return new ImageCollection(_source.AddReference(), Source, _offset + first, end - first);
    }

    /// <summary>Releases this collection's hold on its source; the zip closes when the last collection sharing it is disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _source.Release();
    }

    private int Checked(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Image index must lie in [0, {Count - 1}] ({Count} images in '{Source}'); got {index}.");
        ThrowIfDisposed();
        return _offset + index;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
