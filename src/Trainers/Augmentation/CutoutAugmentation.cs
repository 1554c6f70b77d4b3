using static TorchSharp.torch;

namespace MlGan.Trainers.Augmentation;

/// <summary>
/// DiffAugment's <c>cutout</c> policy: one axis-aligned square per sample, of side round(½·size) per axis (the
/// paper's ratio 0.5: 16×16 at 32×32), is set to 0 in every channel. As in the paper's code its centre is uniform
/// over the image, so up to half of the square may fall outside; only the part inside is zeroed.
/// </summary>
/// <remarks>
/// For a side s along an axis of n pixels the paper draws an offset o uniform on [0, n − 1] (odd s) or [0, n]
/// (even s) and cuts rows o − ⌊s/2⌋ .. o − ⌊s/2⌋ + s − 1. The cut is a 0/1 mask multiplied in, so ∂out/∂x is the
/// mask: gradients flow everywhere outside the square.
/// </remarks>
internal static class CutoutAugmentation
{
    /// <summary>The paper's cutout ratio: the square's side is this fraction of the size.</summary>
    internal const double Ratio = 0.5;

    /// <summary>Per-sample first row and first column of the square; either may be negative or leave the image.</summary>
    internal sealed record Draws(long[] Top, long[] Left);

    /// <summary>The square's side along an axis of <paramref name="size"/> pixels: round(size·0.5), halves up.</summary>
    internal static long Side(long size) => (long)(size * Ratio + 0.5);

    /// <summary>Draws, in order, <paramref name="count"/> row offsets then <paramref name="count"/> column offsets.</summary>
    internal static Draws Draw(long count, long height, long width, Generator random) =>
        new(Start(count, height, random), Start(count, width, random));

    /// <summary>The batch [N, C, H, W] with each sample's square of <paramref name="draws"/> (N each) set to 0.</summary>
    internal static Tensor Apply(Tensor images, Draws draws)
    {
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var rows = Inside(height, Side(height), draws.Top).view(count, 1, height, 1);
        var cols = Inside(width, Side(width), draws.Left).view(count, 1, 1, width);
        var keep = rows.logical_and(cols).logical_not().to(images.dtype, images.device);
        return images * keep;
    }

    private static long[] Start(long count, long size, Generator random)
    {
        long side = Side(size);
        var offsets = randint(0, size + (1 - side % 2), new[] { count }, generator: random).data<long>().ToArray();
        return offsets.Select(o => o - side / 2).ToArray();
    }

    /// <summary>[N, size] booleans: whether each coordinate lies in [start, start + side).</summary>
    private static Tensor Inside(long size, long side, long[] starts)
    {
        var coordinate = arange(size, dtype: ScalarType.Int64).view(1, size);
        var start = tensor(starts).view(starts.Length, 1);
        return coordinate.ge(start).logical_and(coordinate.lt(start + side));
    }
}
