namespace MlGan.Trainers.GmmGan;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a counter-based generator, so each (seed, grid point, repeat) gets its
/// own stream whatever thread runs it, and heatmaps are identical for the same seed on any core count.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public static SplitMix64 ForStream(long seed, long a, long b)
    {
        var g = new SplitMix64((ulong)seed);
        ulong s = g.NextULong() ^ (ulong)a * 0x9E3779B97F4A7C15UL;
        g = new SplitMix64(s);
        s = g.NextULong() ^ (ulong)b * 0xC2B2AE3D27D4EB4FUL;
        return new SplitMix64(s);
    }

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));
}
