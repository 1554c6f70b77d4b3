using MlGan.Transforms.Latent;

namespace MlGan.Cli.Serving;

/// <summary>
/// Latent codes between two codes: spherical (slerp) for Gaussian latents, whose mass lies near a sphere so a straight
/// line's midpoints are atypically short (White 2016, "Sampling Generative Networks"); straight for uniform ones,
/// whose cube a straight line never leaves.
/// </summary>
public static class LatentInterpolation
{
    /// <summary><paramref name="steps"/> codes from <paramref name="from"/> to <paramref name="to"/>, both ends included.</summary>
    /// <exception cref="ArgumentException">Codes of different lengths, or fewer than 2 steps.</exception>
    public static float[][] Between(float[] from, float[] to, int steps, LatentDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Length != to.Length) throw new ArgumentException($"The codes have lengths {from.Length} and {to.Length}.", nameof(to));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        double omega = distribution == LatentDistribution.Gaussian ? Angle(from, to) : 0;
        var rows = new float[steps][];
        for (int s = 0; s < steps; s++)
        {
            double t = (double)s / (steps - 1);
            // slerp weights sin((1 − t)ω)/sin ω and sin(tω)/sin ω; lerp when the angle is (nearly) 0.
            var (a, b) = Math.Abs(Math.Sin(omega)) < 1e-6 ? (1 - t, t) : (Math.Sin((1 - t) * omega) / Math.Sin(omega), Math.Sin(t * omega) / Math.Sin(omega));
            var row = new float[from.Length];
            for (int i = 0; i < row.Length; i++) row[i] = (float)(a * from[i] + b * to[i]);
            rows[s] = row;
        }
        return rows;
    }

    private static double Angle(float[] u, float[] v)
    {
        double dot = 0, uu = 0, vv = 0;
        for (int i = 0; i < u.Length; i++)
        {
            dot += (double)u[i] * v[i];
            uu += (double)u[i] * u[i];
            vv += (double)v[i] * v[i];
        }
        return uu == 0 || vv == 0 ? 0 : Math.Acos(Math.Clamp(dot / Math.Sqrt(uu * vv), -1, 1));
    }
}
