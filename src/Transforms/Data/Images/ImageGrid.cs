using SkiaSharp;

namespace MlGan.Transforms.Data.Images;

/// <summary>
/// Tiles image samples (flat CHW rows, C = 1 grey or 3 RGB) into one PNG with a fixed number of rows — sample k at row
/// ⌊k / columns⌋, column k mod columns — so a class-conditional grid drawn class-major shows one class per row.
/// </summary>
public static class ImageGrid
{
    /// <summary>Black pixels between and around the tiles.</summary>
    public const int Gutter = 2;

    /// <summary>PNG bytes of the grid; values map linearly from [<paramref name="low"/>, <paramref name="high"/>] to 0–255, clamped.</summary>
    /// <param name="samples">Flat rows of length C·H·W.</param>
    /// <param name="shape">C, H, W with C = 1 or 3.</param>
    /// <param name="rows">Rows of the grid, 1 ≤ rows ≤ samples; columns = ⌈samples / rows⌉.</param>
    /// <param name="low">The value shown black (e.g. −1 for a tanh generator).</param>
    /// <param name="high">The value shown white.</param>
    /// <param name="columns">Columns of the grid, ≥ ⌈samples / rows⌉; null (default): ⌈samples / rows⌉.</param>
    /// <exception cref="ArgumentException">A bad shape, a row of the wrong length, or an empty or inverted range.</exception>
    public static byte[] EncodePng(IReadOnlyList<float[]> samples, IReadOnlyList<long> shape, int rows, float low = -1, float high = 1, int? columns = null)
    {
        Guard.NotNull(samples, nameof(samples));
        Guard.NotNull(shape, nameof(shape));
        if (shape.Count != 3 || shape[0] is not (1 or 3) || shape[1] < 1 || shape[2] < 1)
            throw new ArgumentException($"An image grid needs samples shaped [C, H, W] with C = 1 or 3; got [{string.Join(", ", shape)}].", nameof(shape));
        if (samples.Count == 0) throw new ArgumentException("No samples to tile.", nameof(samples));
        if (rows < 1 || rows > samples.Count) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must lie in [1, {samples.Count}].");
        if (!(high > low)) throw new ArgumentException($"The value range [{low}, {high}] is empty.", nameof(high));
        int needed = (samples.Count + rows - 1) / rows;
        if (columns is { } given && given < needed)
            throw new ArgumentOutOfRangeException(nameof(columns), given, $"{samples.Count} samples in {rows} rows need at least {needed} columns.");
        int c = (int)shape[0], h = (int)shape[1], w = (int)shape[2], cols = columns ?? needed;
        int width = cols * w + (cols + 1) * Gutter, height = rows * h + (rows + 1) * Gutter;
        var pixels = new byte[width * height * 4];
        for (int i = 3; i < pixels.Length; i += 4) pixels[i] = 255; // opaque black gutters
        float scale = 255f / (high - low);
        for (int s = 0; s < samples.Count; s++)
        {
            var sample = samples[s] ?? throw new ArgumentException($"Sample {s} is null.", nameof(samples));
            if (sample.Length != c * h * w)
                throw new ArgumentException($"Sample {s} has {sample.Length} values; [{c}, {h}, {w}] needs {c * h * w}.", nameof(samples));
            int x0 = Gutter + s % cols * (w + Gutter), y0 = Gutter + s / cols * (h + Gutter);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int p = ((y0 + y) * width + x0 + x) * 4;
                    for (int ch = 0; ch < 3; ch++)
                        pixels[p + ch] = (byte)Math.Clamp(MathF.Round((sample[(c == 1 ? 0 : ch) * h * w + y * w + x] - low) * scale), 0f, 255f);
                }
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Writes <see cref="EncodePng"/>'s grid to <paramref name="path"/>.</summary>
    public static void SavePng(string path, IReadOnlyList<float[]> samples, IReadOnlyList<long> shape, int rows, float low = -1, float high = 1) =>
        File.WriteAllBytes(Guard.NotNull(path, nameof(path)), EncodePng(samples, shape, rows, low, high));
}
