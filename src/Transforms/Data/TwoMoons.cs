namespace MlGan.Transforms.Data;

/// <summary>The two interleaving half circles (as scikit-learn's make_moons), plus isotropic Gaussian noise.</summary>
public static class TwoMoons
{
    /// <summary>
    /// <paramref name="count"/> points, alternating between the upper moon (cos t, sin t) and the lower moon
    /// (1 − cos t, ½ − sin t), t ~ U[0, π), each coordinate plus N(0, noise²).
    /// </summary>
    /// <param name="count">Number of points, ≥ 1.</param>
    /// <param name="noise">Standard deviation of the added Gaussian noise, finite, ≥ 0 (0: exact half circles).</param>
    /// <param name="random">The source of the draws.</param>
    /// <returns>A count × 2 array.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1 or <paramref name="noise"/> negative or not finite.</exception>
    public static float[][] Sample(int count, double noise, SeededRandom random)
    {
        Guard.Positive(count, nameof(count));
        Guard.NonNegative(noise, nameof(noise));
        var rows = new float[count][];
        for (int n = 0; n < count; n++)
        {
            double t = Math.PI * random.Uniform();
            bool upper = (n & 1) == 0;
            double x = upper ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = upper ? Math.Sin(t) : 0.5 - Math.Sin(t);
            rows[n] = new[] { (float)(x + noise * random.Normal()), (float)(y + noise * random.Normal()) };
        }
        return rows;
    }
}
