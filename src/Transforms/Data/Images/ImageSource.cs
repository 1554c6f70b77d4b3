namespace MlGan.Transforms.Data.Images;

/// <summary>
/// Where an <see cref="ImageCollection"/>'s bytes live (a directory or a zip), listing its image names in
/// order. Shared by a collection and its shards: each holder takes a reference and releases it on dispose,
/// and the last release closes the source (the zip's file handle).
/// </summary>
internal abstract class ImageSource
{
    private int _references = 1;

    /// <summary>Image names (relative paths with '/' or zip entry names), sorted with <see cref="StringComparer.Ordinal"/>.</summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>The whole file at <paramref name="index"/> of <see cref="Names"/>; safe to call from several threads.</summary>
    public abstract byte[] ReadBytes(int index);

    /// <summary>A readable, seekable stream of the file at <paramref name="index"/>, for reading headers without the whole file.</summary>
    public abstract Stream OpenRead(int index);

    /// <summary>Adds a holder; throws if the source is already closed.</summary>
    public ImageSource AddReference()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _references);
            ObjectDisposedException.ThrowIf(current == 0, this);
        } while (Interlocked.CompareExchange(ref _references, current + 1, current) != current);
        return this;
    }

    /// <summary>Drops a holder; the last one closes the source.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) Close();
    }

    /// <summary>Frees what the source holds open.</summary>
    protected abstract void Close();

    /// <summary>Whether <paramref name="name"/> ends in .png, .jpg, .jpeg, .bmp or .webp (any case).</summary>
    public static bool IsImageName(string name) =>
        ImageCollection.Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
