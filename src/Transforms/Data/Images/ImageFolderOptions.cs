namespace MlGan.Transforms.Data.Images;

/// <summary>How <c>ml.Gan().Data.ImageFolder</c> turns image files into a <c>Features</c> vector column.</summary>
public sealed class ImageFolderOptions
{
    /// <summary>3 (RGB, as PIL's <c>convert('RGB')</c>) or 1 (grey, as <c>convert('L')</c>). Default 3.</summary>
    public int Channels { get; set; } = 3;

    /// <summary>
    /// Output width in pixels, ≥ 1; set with <see cref="Height"/> (both or neither) to resize every image bilinearly
    /// (<see cref="BilinearResize"/>: PyTorch's align_corners = false, no antialias). Default null: every image must
    /// already have one size, which becomes the output size.
    /// </summary>
    public int? Width { get; set; }

    /// <summary>Output height in pixels, ≥ 1; see <see cref="Width"/>. Default null.</summary>
    public int? Height { get; set; }

    /// <summary>Pixel scaling: byte/255 (<see cref="PixelRange.ZeroToOne"/>, the default) or byte/127.5 − 1.</summary>
    public PixelRange Range { get; set; } = PixelRange.ZeroToOne;

    /// <summary>
    /// Skip images that cannot be read (unreadable header when the folder is scanned, corrupt or truncated
    /// data when a row is decoded) instead of throwing; <see cref="ImageFolderDataView.Skipped"/> lists them. Default false.
    /// </summary>
    public bool SkipBad { get; set; }

    /// <summary>Name of the vector&lt;float&gt;[C·H·W] column (CHW order); non-empty. Default <c>Features</c>.</summary>
    public string FeaturesColumnName { get; set; } = GanDataCatalog.FeaturesColumn;

    /// <summary>Name of the text column holding each row's image name (<see cref="ImageCollection.NameOf"/>); non-empty, not the features column's. Default <c>Path</c>.</summary>
    public string PathColumnName { get; set; } = "Path";

    /// <summary>Throws for a channel count other than 1 or 3, a lone or non-positive size, or empty or equal column names.</summary>
    internal void Validate()
    {
        if (Channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, $"Channels must be 1 (grey) or 3 (RGB); got {Channels}.");
        if (Width.HasValue != Height.HasValue)
            throw new ArgumentException($"Set Width and Height together (to resize) or neither; got Width = {Width?.ToString() ?? "null"}, Height = {Height?.ToString() ?? "null"}.", Width.HasValue ? nameof(Height) : nameof(Width));
        if (Width is { } w) Guard.Positive(w, nameof(Width));
        if (Height is { } h) Guard.Positive(h, nameof(Height));
        if (!Enum.IsDefined(Range)) throw new ArgumentOutOfRangeException(nameof(Range), Range, $"Range must be one of {string.Join(", ", Enum.GetNames<PixelRange>())}.");
        if (string.IsNullOrEmpty(FeaturesColumnName)) throw new ArgumentException("FeaturesColumnName must not be empty.", nameof(FeaturesColumnName));
        if (string.IsNullOrEmpty(PathColumnName)) throw new ArgumentException("PathColumnName must not be empty.", nameof(PathColumnName));
        if (FeaturesColumnName == PathColumnName)
            throw new ArgumentException($"FeaturesColumnName and PathColumnName are both '{PathColumnName}'; they must differ.", nameof(PathColumnName));
    }
}
