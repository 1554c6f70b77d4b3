using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Augmentation;

/// <summary>Shared helpers: seeded batches and plain arrays of tensor values.</summary>
internal static class AugmentationChecks
{
    /// <summary>A float64 batch [N, C, H, W] uniform on [−1, 1) from its own seeded stream.</summary>
    public static Tensor Batch(long count, long channels, long height, long width, ulong seed) =>
        rand(new[] { count, channels, height, width }, dtype: ScalarType.Float64, generator: new torch.Generator(seed)) * 2 - 1;

    /// <summary>A float64 ramp x[n, c, i, j] = 1 + ((n·C + c)·H + i)·W + j: positive and distinct, so a value names its source.</summary>
    public static Tensor Ramp(long count, long channels, long height, long width) =>
        arange(1, 1 + count * channels * height * width, dtype: ScalarType.Float64).view(count, channels, height, width);

    /// <summary>Same shape and bitwise-equal values.</summary>
    public static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>The values of <paramref name="t"/> as float64, row-major.</summary>
    public static double[] Values(Tensor t) => t.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();
}
