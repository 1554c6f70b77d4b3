using MlGan.Transforms.Data;
using MlGan.Transforms.Data.Images;

namespace MlGan.Evaluation.Streaming;

/// <summary>
/// Images of an <see cref="ImageCollection"/> as CHW samples in [0, 1] (8-bit value / 255) with
/// <see cref="Channels"/> channels (grey replicated to RGB, RGB to grey by PIL's luma), optionally resized
/// bilinearly (PyTorch's align_corners = false, no antialiasing) to one fixed size. Without a resize every image
/// must have the size of the first one decoded (a mismatch names both files), so that images of mixed sizes are
/// never silently rescaled.
/// </summary>
public sealed class ImageSampleSource : ISampleSource
{
    private readonly ImageCollection _images;
    private readonly ImageVectorizer? _resizing; // decode + /255 + bilinear to the fixed size, shared with ImageFolder
    private (int Width, int Height, string Name)? _firstSize;
    private readonly object _sizeLock = new();

    /// <summary>
    /// Samples of the first <paramref name="limit"/> (default all) images of <paramref name="images"/> with
    /// <paramref name="channels"/> channels (1 or 3), resized to <paramref name="resizeTo"/> when given.
    /// </summary>
    public ImageSampleSource(ImageCollection images, int channels, (int Height, int Width)? resizeTo = null, int? limit = null)
    {
        _images = MlGan.Transforms.Guard.NotNull(images, nameof(images));
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images are read with 1 (grey) or 3 (RGB) channels.");
        if (resizeTo is { } r && (r.Height < 1 || r.Width < 1)) throw new ArgumentOutOfRangeException(nameof(resizeTo), resizeTo, "The resize target must be at least 1×1.");
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The image limit must be ≥ 1.");
        Channels = channels;
        if (resizeTo is { } size) _resizing = new ImageVectorizer(channels, size.Width, size.Height, PixelRange.ZeroToOne);
        Count = Math.Min(images.Count, limit ?? int.MaxValue);
    }

    /// <summary>Channels of each sample (1 or 3).</summary>
    public int Channels { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public string Description => _images.Source;

    /// <inheritdoc/>
    public string NameOf(int index) => _images.NameOf(index);

    /// <inheritdoc/>
    public float[] Load(int index)
    {
        string name = _images.NameOf(index);
        var bytes = _images.ReadBytes(index);
        if (_resizing is not null)
        {
            var output = new float[_resizing.Length];
            _resizing.Write(bytes, name, output);
            return output;
        }
        var image = ImageDecoder.Decode(bytes, name, Channels);
        CheckSameSize(image, name);
        return ImageDecoder.ToChw(image);
    }

    private void CheckSameSize(DecodedImage image, string name)
    {
        lock (_sizeLock)
        {
            if (_firstSize is not { } first)
            {
                _firstSize = (image.Width, image.Height, name);
                return;
            }
            if (first.Width != image.Width || first.Height != image.Height)
                throw new InvalidDataException(
                    $"'{name}' is {image.Width}×{image.Height} but '{first.Name}' is {first.Width}×{first.Height}; images must share one size, " +
                    "or use a preprocessing that resizes (e.g. --preprocess pytorch-fid).");
        }
    }
}
