namespace MlGan.Transforms.Data;

/// <summary>
/// A seeded source of uniform and standard-normal draws. System.Random(seed) is the same
/// sequence on every platform, so data and latents are reproducible from the seed alone.
/// </summary>
public sealed class SeededRandom
{
    private readonly Random _random;
    private double? _spareNormal;

    /// <summary>A source whose draws are fixed by <paramref name="seed"/> (any int).</summary>
    public SeededRandom(int seed) => _random = new Random(seed);

    /// <summary>A uniform draw from [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>A uniform draw from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>); <paramref name="maxExclusive"/> ≥ 0 (0 returns 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is negative.</exception>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Standard normal by the Box–Muller transform (pairs cached).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1)), angle = 2.0 * Math.PI * u2;
        _spareNormal = r * Math.Sin(angle);
        return r * Math.Cos(angle);
    }

    /// <summary>Index drawn from the (unnormalised, non-negative) weights.</summary>
    public int Categorical(IReadOnlyList<double> weights, double total)
    {
        double u = _random.NextDouble() * total;
        for (int i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Count - 1;
    }
}
