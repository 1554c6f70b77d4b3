using SkiaSharp;

namespace MlGan.Transforms.Data.Images;

/// <summary>
/// PNG, JPEG, BMP and WebP decoding through Skia's codecs, with the pixel values PIL gives: no colour
/// management (no ICC profile or gAMA conversion), alpha dropped without compositing (PIL's
/// <c>convert('RGB')</c>), grey replicated to RGB, and RGB → grey by PIL's <c>convert('L')</c> integer
/// formula. A file that is corrupt or truncated is an <see cref="InvalidDataException"/> naming it, never a
/// partially decoded image.
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="data"/> (the bytes of the file <paramref name="name"/>, used in errors) into
    /// <paramref name="channels"/> 8-bit channels: 3 = RGB, 1 = grey L = (R·19595 + G·38470 + B·7471 + 2¹⁵) ≫ 16.
    /// </summary>
    public static DecodedImage Decode(byte[] data, string name, int channels)
    {
        Guard.NotNull(data, nameof(data));
        Guard.NotNull(name, nameof(name));
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, $"channels must be 1 (grey) or 3 (RGB); got {channels}.");
        using var codec = OpenCodec(new MemoryStream(data, writable: false), name);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        // A null colour space turns Skia's colour transform off, so the bytes are the file's own values
        // (as PIL reads them); Unpremul keeps the colour of transparent pixels, which PIL keeps too.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, null);
        var result = codec.GetPixels(info, out byte[] rgba);
        // IncompleteInput is a truncated file that Skia filled in with zeros: reject it, as PIL does.
        if (result != SKCodecResult.Success) throw Unreadable(name, result);
        if (rgba.Length != checked(width * height * 4))
            throw new InvalidDataException($"'{name}': Skia returned {rgba.Length} bytes for a {width}×{height} RGBA image.");
        return new DecodedImage(width, height, channels, channels == 3 ? DropAlpha(rgba) : ToGrey(rgba));
    }

    /// <summary>The image's width and height from its header alone (nothing is decoded); same errors as <see cref="Decode"/>.</summary>
    public static (int Width, int Height) ReadSize(byte[] data, string name)
    {
        Guard.NotNull(data, nameof(data));
        return ReadSize(new MemoryStream(data, writable: false), name);
    }

    /// <summary>
    /// The image's width and height from the header at the start of <paramref name="stream"/> (seekable),
    /// reading only as much as the codec needs. The stream is left open; its position is unspecified afterwards.
    /// </summary>
    public static (int Width, int Height) ReadSize(Stream stream, string name)
    {
        Guard.NotNull(stream, nameof(stream));
        Guard.NotNull(name, nameof(name));
        if (!stream.CanRead || !stream.CanSeek) throw new ArgumentException($"'{name}': the stream must be readable and seekable.", nameof(stream));
        // Skia takes the wrapper; the caller keeps the stream.
        using var codec = OpenCodec(new SKManagedStream(stream, disposeManagedStream: false), name);
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Float planes C×H×W (channel-major, the layout of an image tensor) with values byte/255 in [0, 1].</summary>
    public static float[] ToChw(DecodedImage image)
    {
        var (width, height, channels) = (image.Width, image.Height, image.Channels);
        if (width <= 0 || height <= 0 || channels <= 0 || image.Pixels is null || image.Pixels.Length != (long)width * height * channels)
            throw new ArgumentException(
                $"Image must hold Width·Height·Channels = {width}·{height}·{channels} bytes; it holds {image.Pixels?.Length.ToString() ?? "null"}.", nameof(image));
        var planes = new float[image.Pixels.Length];
        WriteChw(image, planes, 255f, 0f);
        return planes;
    }

    /// <summary>
    /// Writes <c>byte/divisor + offset</c> in C×H×W order into <paramref name="destination"/> (Pixels.Length values).
    /// A true division, so /255 is bit-identical to torchvision's <c>ToTensor</c> (<c>div(255)</c>).
    /// </summary>
    internal static void WriteChw(DecodedImage image, Span<float> destination, float divisor, float offset)
    {
        int plane = image.Width * image.Height, channels = image.Channels;
        var pixels = image.Pixels;
        for (int c = 0; c < channels; c++)
        {
            var target = destination.Slice(c * plane, plane);
            for (int i = 0, j = c; i < plane; i++, j += channels) target[i] = pixels[j] / divisor + offset;
        }
    }

    private static SKCodec OpenCodec(Stream stream, string name) => OpenCodec(new SKManagedStream(stream, disposeManagedStream: true), name);

    private static SKCodec OpenCodec(SKStream stream, string name)
    {
        var codec = SKCodec.Create(stream, out var result);
        if (codec is null) throw Unreadable(name, result);
        if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            codec.Dispose();
            throw new InvalidDataException($"'{name}': the header gives an empty image ({codec.Info.Width}×{codec.Info.Height}).");
        }
        return codec;
    }

    private static InvalidDataException Unreadable(string name, SKCodecResult result) => new(result switch
    {
        SKCodecResult.IncompleteInput => $"'{name}': the image data is truncated (Skia: IncompleteInput).",
        SKCodecResult.ErrorInInput => $"'{name}': the image data is corrupt (Skia: ErrorInInput).",
        SKCodecResult.Unimplemented => $"'{name}': not a supported image format (png, jpg, jpeg, bmp, webp) (Skia: Unimplemented).",
        _ => $"'{name}': not a readable image (Skia: {result}).",
    });

    private static byte[] DropAlpha(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return rgb;
    }

    // PIL's ImagingConvert rgb2l (ITU-R 601-2 luma in 16-bit fixed point, rounded); exact for grey sources (R = G = B).
    private static byte[] ToGrey(byte[] rgba)
    {
        var grey = new byte[rgba.Length / 4];
        for (int i = 0, j = 0; j < grey.Length; i += 4, j++)
            grey[j] = (byte)((rgba[i] * 19595 + rgba[i + 1] * 38470 + rgba[i + 2] * 7471 + 0x8000) >> 16);
        return grey;
    }
}
