using SkiaSharp;

namespace MlGan.Cli.Serving;

/// <summary>Tiles [C, H, W] samples (C = 1 grey or 3 RGB) into one PNG, a near-square grid with 2-pixel gutters.</summary>
public static class PngGrid
{
    private const int Gutter = 2;

    /// <summary>True for samples shaped [C, H, W] with C = 1 (grey) or 3 (RGB): the shapes a PNG grid can show.</summary>
    public static bool CanRender(int[] sampleShape) => sampleShape.Length == 3 && sampleShape[0] is 1 or 3;

    /// <summary>Values map linearly from [low, high] to 0..255 (clamped); without a range, the samples' own min..max.</summary>
    public static byte[] Render(IReadOnlyList<float[]> samples, int[] sampleShape, (float Low, float High)? range)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (!CanRender(sampleShape))
            throw new ArgumentException($"A PNG grid needs samples shaped [C, H, W] with C = 1 or 3; got [{string.Join(", ", sampleShape)}].", nameof(sampleShape));
        if (samples.Count == 0) throw new ArgumentException("No samples to render.", nameof(samples));
        int c = sampleShape[0], h = sampleShape[1], w = sampleShape[2];
        var (lo, hi) = range ?? MinMax(samples);
        float scale = hi > lo ? 255f / (hi - lo) : 0f;

        int cols = (int)Math.Ceiling(Math.Sqrt(samples.Count));
        int rows = (samples.Count + cols - 1) / cols;
        int width = cols * w + (cols + 1) * Gutter, height = rows * h + (rows + 1) * Gutter;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        for (int i = 3; i < pixels.Length; i += 4) pixels[i] = 255; // opaque black gutters

        for (int s = 0; s < samples.Count; s++)
        {
            int x0 = Gutter + (s % cols) * (w + Gutter), y0 = Gutter + (s / cols) * (h + Gutter);
            var sample = samples[s];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int p = ((y0 + y) * width + x0 + x) * 4;
                    for (int ch = 0; ch < 3; ch++)
                    {
                        float v = sample[(c == 1 ? 0 : ch) * h * w + y * w + x];
                        pixels[p + ch] = (byte)Math.Clamp(MathF.Round((v - lo) * scale), 0f, 255f);
                    }
                }
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static (float, float) MinMax(IReadOnlyList<float[]> samples)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (var s in samples)
            foreach (var v in s)
                if (float.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        return float.IsFinite(lo) ? (lo, hi) : (0f, 1f);
    }
}
