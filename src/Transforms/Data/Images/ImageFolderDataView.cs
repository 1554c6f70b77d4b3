using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlGan.Transforms.Data.Images;

/// <summary>
/// A lazy IDataView over an <see cref="ImageCollection"/>: one row per image, in the collection's order, with
/// a <c>Features</c> vector&lt;float&gt;[C·H·W] column (CHW, scaled to <see cref="ImageFolderOptions.Range"/>)
/// and a <c>Path</c> text column (<see cref="ImageCollection.NameOf"/>). Building it reads every image's
/// header (so the vector size is known and mixed sizes fail early); pixels are decoded only as a cursor
/// reaches a row whose <c>Features</c> are active, and nothing is kept afterwards. Not shuffleable.
/// </summary>
/// <remarks>
/// With <see cref="ImageFolderOptions.SkipBad"/>, images with unreadable headers are left out when the view is
/// built and images whose data turns out corrupt are left out by the cursors; <see cref="Skipped"/> lists both
/// and <see cref="GetRowCount"/> is null (the count is only known once every image has been decoded).
/// Cursors may run concurrently. Dispose the view to close a zip it opened.
/// </remarks>
public sealed class ImageFolderDataView : IDataView, IDisposable
{
    private readonly ImageCollection _images;
    private readonly bool _ownsImages;
    private readonly int[] _rows;
    private readonly ImageVectorizer _vectorizer;
    private readonly ConcurrentDictionary<int, SkippedImage> _skipped = new();
    private int _decoded;
    private bool _disposed;

    internal ImageFolderDataView(ImageCollection images, ImageFolderOptions options, bool ownsImages)
    {
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(options, nameof(options));
        options.Validate();
        (_images, _ownsImages, SkipsBad, Channels) = (images, ownsImages, options.SkipBad, options.Channels);

        var sizes = ReadSizes();
        _rows = Enumerable.Range(0, images.Count).Where(i => sizes[i] is not null).ToArray();
        if (_rows.Length == 0)
            throw new ArgumentException($"No image in '{images.Source}' has a readable header ({_skipped.Count} skipped, e.g. {_skipped.Values.First().Reason}).", nameof(images));
        (Width, Height) = (options.Width, options.Height) is ({ } w, { } h) ? (w, h) : CommonSize(sizes);
        _vectorizer = new ImageVectorizer(Channels, Width, Height, options.Range);

        var builder = new DataViewSchema.Builder();
        builder.AddColumn(options.FeaturesColumnName, new VectorDataViewType(NumberDataViewType.Single, _vectorizer.Length));
        builder.AddColumn(options.PathColumnName, TextDataViewType.Instance);
        Schema = builder.ToSchema();
    }

    /// <summary>The images behind the rows (including any that were skipped).</summary>
    public ImageCollection Images => _images;

    /// <summary>Channels of every vector: 1 (grey) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>Height of every vector's planes (the resize target, or the images' common height).</summary>
    public int Height { get; }

    /// <summary>Width of every vector's planes (the resize target, or the images' common width).</summary>
    public int Width { get; }

    /// <summary>Whether unreadable images are skipped (<see cref="ImageFolderOptions.SkipBad"/>) rather than thrown.</summary>
    public bool SkipsBad { get; }

    /// <summary>Images whose header was read when the view was built: the row count, or with SkipBad an upper bound on it.</summary>
    public int ScannedCount => _rows.Length;

    /// <summary>
    /// The images skipped so far, in collection order: those with unreadable headers (found when the view
    /// was built) and those whose data failed to decode in any cursor so far. Empty unless SkipBad is on.
    /// </summary>
    public IReadOnlyList<SkippedImage> Skipped => _skipped.OrderBy(p => p.Key).Select(p => p.Value).ToArray();

    /// <summary>Number of distinct images in <see cref="Skipped"/>.</summary>
    public int SkippedCount => _skipped.Count;

    /// <summary>Images decoded so far by all cursors together (lets tests check that decoding is lazy).</summary>
    internal int DecodedCount => Volatile.Read(ref _decoded);

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <summary>The number of images; null with SkipBad, since a corrupt image is only found when it is decoded.</summary>
    public long? GetRowCount() => SkipsBad ? null : _rows.Length;

    /// <summary>A cursor in collection order (<paramref name="rand"/> is ignored: the view cannot shuffle).</summary>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        Guard.NotNull(columnsNeeded, nameof(columnsNeeded));
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{column.Name}' (index {column.Index}) is not a column of this image view.");
            active[column.Index] = true;
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ImageFolderCursor(this, active);
    }

    /// <summary>A single sequential cursor (decoding is per row, so one cursor is the natural unit).</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Closes the collection when this view opened it (ml.Gan().Data.ImageFolder(path)); a collection passed in stays open.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsImages) _images.Dispose();
    }

    /// <summary>Rows of the view: indices into <see cref="Images"/> of the images whose headers were read.</summary>
    internal IReadOnlyList<int> Rows => _rows;

    /// <summary>
    /// Decodes image <paramref name="index"/> into <paramref name="destination"/>. False when it is corrupt and
    /// SkipBad is on (it is then recorded in <see cref="Skipped"/>); otherwise a corrupt image throws.
    /// </summary>
    internal bool TryWrite(int index, Span<float> destination)
    {
        var bytes = _images.ReadBytes(index);
        try
        {
            Interlocked.Increment(ref _decoded);
            _vectorizer.Write(bytes, DisplayName(index), destination);
            return true;
        }
        catch (InvalidDataException e) when (SkipsBad)
        {
            _skipped.TryAdd(index, new SkippedImage(_images.NameOf(index), e.Message));
            return false;
        }
    }

    /// <summary>The image's name as errors show it: the collection's source joined with the image's own name.</summary>
    internal string DisplayName(int index) => $"{_images.Source.TrimEnd('/', Path.DirectorySeparatorChar)}/{_images.NameOf(index)}";

    private (int Width, int Height)?[] ReadSizes()
    {
        var sizes = new (int Width, int Height)?[_images.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            try
            {
                // Only the header: a file stream lets the codec stop reading after it.
                using var stream = _images.OpenRead(i);
                sizes[i] = ImageDecoder.ReadSize(stream, DisplayName(i));
            }
            catch (InvalidDataException e) when (SkipsBad)
            {
                _skipped.TryAdd(i, new SkippedImage(_images.NameOf(i), e.Message));
            }
        }
        return sizes;
    }

    private (int Width, int Height) CommonSize((int Width, int Height)?[] sizes)
    {
        int first = _rows[0];
        var size = sizes[first]!.Value;
        foreach (int i in _rows)
            if (sizes[i]!.Value != size)
            {
                var other = sizes[i]!.Value;
                throw new ArgumentException(
                    $"Images differ in size: '{DisplayName(first)}' is {size.Width}×{size.Height} but '{DisplayName(i)}' is {other.Width}×{other.Height}; " +
                    "set ImageFolderOptions.Width and Height to resize every image to one size.", "images");
            }
        return size;
    }
}
