namespace MlGan.Transforms;

/// <summary>Argument checks with messages that name the parameter and the allowed range.</summary>
public static class Guard
{
    /// <summary>Requires <paramref name="value"/> ≥ 1.</summary>
    /// <param name="value">The argument's value.</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> &lt; 1.</exception>
    public static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive integer (≥ 1); got {value}.");
    }

    /// <summary>Requires <paramref name="value"/> ≥ <paramref name="min"/>.</summary>
    /// <param name="value">The argument's value.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> &lt; <paramref name="min"/>.</exception>
    public static void AtLeast(int value, int min, string name)
    {
        if (value < min) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ {min}; got {value}.");
    }

    /// <summary>Requires a finite <paramref name="value"/> &gt; 0.</summary>
    /// <param name="value">The argument's value.</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is ≤ 0, NaN or infinite.</exception>
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0; got {value}.");
    }

    /// <summary>Requires a finite <paramref name="value"/> ≥ 0.</summary>
    /// <param name="value">The argument's value.</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, NaN or infinite.</exception>
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0; got {value}.");
    }

    /// <summary>Requires a finite <paramref name="value"/> (not NaN, not ±∞).</summary>
    /// <param name="value">The argument's value.</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number; got {value}.");
    }

    /// <summary>Requires <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/> (NaN fails).</summary>
    /// <param name="value">The argument's value.</param>
    /// <param name="min">The lower bound, inclusive.</param>
    /// <param name="max">The upper bound, inclusive.</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> lies outside [min, max] or is NaN.</exception>
    public static void InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}]; got {value}.");
    }

    /// <summary>Requires every element of <paramref name="values"/> to be finite.</summary>
    /// <param name="values">The argument's elements (enumerated once).</param>
    /// <param name="name">The argument's name, used in the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">An element is NaN or infinite.</exception>
    public static void AllFinite(IEnumerable<double> values, string name)
    {
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must contain only finite numbers; found {v}.");
    }

    /// <summary>Requires a non-null reference and returns it, for use in expressions.</summary>
    /// <typeparam name="T">The argument's reference type.</typeparam>
    /// <param name="value">The argument's value.</param>
    /// <param name="name">The argument's name.</param>
    /// <returns><paramref name="value"/>, known to be non-null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);
}
