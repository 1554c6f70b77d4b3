using static TorchSharp.torch;

namespace MlGan.Trainers.Augmentation;

/// <summary>
/// DiffAugment's <c>translation</c> policy: each sample's content moves by an integer (dy, dx), uniform on
/// [−r_H, r_H] × [−r_W, r_W] with r = round(⅛·size) (the paper's ratio 0.125: ±4 pixels at 32×32, ±2 at 16×16);
/// pixels uncovered by the shift are 0. out[n, c, i, j] = x[n, c, i − dy, j − dx] where that index lies inside
/// the image, 0 elsewhere.
/// </summary>
/// <remarks>
/// Built from two gathers over a one-pixel zero ring, as the paper's code does: a source index that leaves the image
/// is clamped onto the ring, so it reads 0. A gather is linear in its input, so ∂out/∂x is the same selection.
/// </remarks>
internal static class TranslationAugmentation
{
    /// <summary>The paper's translation ratio: the largest shift is this fraction of the size.</summary>
    internal const double Ratio = 0.125;

    /// <summary>Per-sample shifts, rows (dy, positive: down) and columns (dx, positive: right).</summary>
    internal sealed record Draws(long[] Dy, long[] Dx);

    /// <summary>The largest shift along an axis of <paramref name="size"/> pixels: round(size·0.125), halves up.</summary>
    internal static long MaxShift(long size) => (long)(size * Ratio + 0.5);

    /// <summary>Draws, in order, <paramref name="count"/> row shifts then <paramref name="count"/> column shifts.</summary>
    internal static Draws Draw(long count, long height, long width, Generator random)
    {
        long rows = MaxShift(height), cols = MaxShift(width);
        return new(randint(-rows, rows + 1, new[] { count }, generator: random).data<long>().ToArray(),
            randint(-cols, cols + 1, new[] { count }, generator: random).data<long>().ToArray());
    }

    /// <summary>The shifted batch [N, C, H, W] for the shifts <paramref name="draws"/> (N each).</summary>
    internal static Tensor Apply(Tensor images, Draws draws)
    {
        long count = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        var padded = nn.functional.pad(images, new long[] { 1, 1, 1, 1 });
        // Padded coordinates: the image occupies 1..H, the ring 0 and H + 1.
        var rows = SourceIndex(height, draws.Dy, images.device).view(count, 1, height, 1).expand(count, channels, height, width + 2);
        var cols = SourceIndex(width, draws.Dx, images.device).view(count, 1, 1, width).expand(count, channels, height, width);
        return padded.gather(2, rows).gather(3, cols);
    }

    /// <summary>[N, size]: the padded source coordinate of each output coordinate, i − shift + 1, clamped onto the ring.</summary>
    private static Tensor SourceIndex(long size, long[] shifts, Device device)
    {
        var target = arange(size, dtype: ScalarType.Int64).view(1, size);
        var shift = tensor(shifts).view(shifts.Length, 1);
        return (target - shift + 1).clamp(0, size + 1).to(device);
    }
}
