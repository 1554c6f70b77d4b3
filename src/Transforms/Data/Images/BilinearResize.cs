namespace MlGan.Transforms.Data.Images;

/// <summary>
/// Bilinear resampling of C×H×W planes with PyTorch's <c>align_corners: false</c> convention: output pixel o
/// samples the input at s = (o + ½)·(in/out) − ½, clamped below at 0; the two neighbours ⌊s⌋ and
/// min(⌊s⌋ + 1, in − 1) are mixed with weights (1 − λ, λ), λ = s − ⌊s⌋. No antialiasing when shrinking
/// (as PyTorch without <c>antialias</c>). Separable: the per-axis tables are computed once per size pair.
/// </summary>
public sealed class BilinearResize
{
    private readonly int _inH, _inW, _outH, _outW;
    private readonly int[] _y0, _y1, _x0, _x1;
    private readonly float[] _wy, _wx;

    /// <summary>A resampler from <paramref name="inHeight"/>×<paramref name="inWidth"/> planes to <paramref name="outHeight"/>×<paramref name="outWidth"/>; every size must be ≥ 1.</summary>
    public BilinearResize(int inHeight, int inWidth, int outHeight, int outWidth)
    {
        Guard.Positive(inHeight, nameof(inHeight));
        Guard.Positive(inWidth, nameof(inWidth));
        Guard.Positive(outHeight, nameof(outHeight));
        Guard.Positive(outWidth, nameof(outWidth));
        (_inH, _inW, _outH, _outW) = (inHeight, inWidth, outHeight, outWidth);
        (_y0, _y1, _wy) = Axis(inHeight, outHeight);
        (_x0, _x1, _wx) = Axis(inWidth, outWidth);
    }

    /// <summary>Resizes <paramref name="channels"/> consecutive planes of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int channels)
    {
        if (source.Length < channels * _inH * _inW) throw new ArgumentException($"source holds {source.Length} values; {channels}×{_inH}×{_inW} are needed.", nameof(source));
        if (destination.Length < channels * _outH * _outW) throw new ArgumentException($"destination holds {destination.Length} values; {channels}×{_outH}×{_outW} are needed.", nameof(destination));
        for (int c = 0; c < channels; c++)
        {
            var src = source.Slice(c * _inH * _inW, _inH * _inW);
            var dst = destination.Slice(c * _outH * _outW, _outH * _outW);
            for (int oy = 0; oy < _outH; oy++)
            {
                var top = src.Slice(_y0[oy] * _inW, _inW);
                var bottom = src.Slice(_y1[oy] * _inW, _inW);
                float wy = _wy[oy];
                var row = dst.Slice(oy * _outW, _outW);
                for (int ox = 0; ox < _outW; ox++)
                {
                    int x0 = _x0[ox], x1 = _x1[ox];
                    float wx = _wx[ox];
                    float t = top[x0] + (top[x1] - top[x0]) * wx;
                    float b = bottom[x0] + (bottom[x1] - bottom[x0]) * wx;
                    row[ox] = t + (b - t) * wy;
                }
            }
        }
    }

    private static (int[] Lo, int[] Hi, float[] Weight) Axis(int input, int output)
    {
        var lo = new int[output];
        var hi = new int[output];
        var w = new float[output];
        double scale = (double)input / output;
        for (int o = 0; o < output; o++)
        {
            double s = Math.Max((o + 0.5) * scale - 0.5, 0.0);
            int i0 = Math.Min((int)Math.Floor(s), input - 1);
            lo[o] = i0;
            hi[o] = Math.Min(i0 + 1, input - 1);
            w[o] = (float)(s - i0);
        }
        return (lo, hi, w);
    }
}
