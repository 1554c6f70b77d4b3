using MlGan.Transforms.Data.Images;

namespace MlGan.Cli.Serving;

/// <summary>Tiles [C, H, W] samples (C = 1 grey or 3 RGB) into one PNG, a near-square grid with 2-pixel gutters.</summary>
public static class PngGrid
{
    /// <summary>True for samples shaped [C, H, W] with C = 1 (grey) or 3 (RGB): the shapes a PNG grid can show.</summary>
    public static bool CanRender(int[] sampleShape) => sampleShape.Length == 3 && sampleShape[0] is 1 or 3;

    /// <summary>Values map linearly from [low, high] to 0..255 (clamped); without a range, the samples' own min..max.</summary>
    public static byte[] Render(IReadOnlyList<float[]> samples, int[] sampleShape, (float Low, float High)? range)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (!CanRender(sampleShape))
            throw new ArgumentException($"A PNG grid needs samples shaped [C, H, W] with C = 1 or 3; got [{string.Join(", ", sampleShape)}].", nameof(sampleShape));
        if (samples.Count == 0) throw new ArgumentException("No samples to render.", nameof(samples));
        var (lo, hi) = range ?? MinMax(samples);
        int cols = (int)Math.Ceiling(Math.Sqrt(samples.Count));
        int rows = (samples.Count + cols - 1) / cols;
        // A flat range shows black, as a zero scale would.
        return ImageGrid.EncodePng(samples, [.. sampleShape.Select(d => (long)d)], rows, lo, hi > lo ? hi : lo + 1, cols);
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
