namespace MlGan.Transforms.Data;

/// <summary>The two interleaving half circles (as scikit-learn's make_moons), plus isotropic Gaussian noise.</summary>
public static class TwoMoons
{
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
