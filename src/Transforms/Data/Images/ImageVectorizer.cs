namespace MlGan.Transforms.Data.Images;

/// <summary>
/// Turns one image file into its feature vector: decode to <c>channels</c> bytes, scale to the pixel range,
/// lay out as C×H×W and (when the source size differs from the output size) resize bilinearly. Stateless
/// apart from the resize tables per source size, so one instance serves several cursors.
/// </summary>
internal sealed class ImageVectorizer
{
    private readonly int _channels, _width, _height;
    private readonly float _divisor, _offset;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Height, int Width), BilinearResize> _resizers = new();

    public ImageVectorizer(int channels, int width, int height, PixelRange range)
    {
        (_channels, _width, _height) = (channels, width, height);
        // byte/255 or byte/127.5 − 1 (PixelRange's definitions); affine, so it commutes with the bilinear mix.
        (_divisor, _offset) = range == PixelRange.ZeroToOne ? (255f, 0f) : (127.5f, -1f);
    }

    /// <summary>Length of every vector: C·H·W.</summary>
    public int Length => _channels * _width * _height;

    /// <summary>Decodes <paramref name="data"/> and writes its <see cref="Length"/> values into <paramref name="destination"/>.</summary>
    public void Write(byte[] data, string name, Span<float> destination)
    {
        var image = ImageDecoder.Decode(data, name, _channels);
        if (image.Width == _width && image.Height == _height)
        {
            ImageDecoder.WriteChw(image, destination, _divisor, _offset);
            return;
        }
        var planes = new float[image.Pixels.Length];
        ImageDecoder.WriteChw(image, planes, _divisor, _offset);
        var resize = _resizers.GetOrAdd((image.Height, image.Width), s => new BilinearResize(s.Height, s.Width, _height, _width));
        resize.Apply(planes, destination, _channels);
    }
}
