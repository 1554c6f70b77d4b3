namespace MlGan.Transforms.Generators;

/// <summary>Checks (C, H, W) image shapes for the convolutional networks.</summary>
public static class ImageShape
{
    /// <summary>Default: one 28×28 channel (MNIST / Fashion-MNIST).</summary>
    public static long[] Default => [1, 28, 28];

    /// <summary>Validates [C, H, W] with H and W divisible by <paramref name="divisor"/> (two stride-2 stages need 4).</summary>
    public static long[] Check(long[] shape, string name, int divisor = 4)
    {
        ArgumentNullException.ThrowIfNull(shape, name);
        if (shape.Length != 3 || shape.Any(d => d <= 0))
            throw new ArgumentOutOfRangeException(name, $"{name} must be (C, H, W) with positive sizes; got [{string.Join(", ", shape)}].");
        if (shape[1] % divisor != 0 || shape[2] % divisor != 0 || shape[1] < divisor || shape[2] < divisor)
            throw new ArgumentOutOfRangeException(name,
                $"{name} height and width must be positive multiples of {divisor} (two stride-2 stages); got {shape[1]}×{shape[2]}.");
        return shape.ToArray();
    }
}
