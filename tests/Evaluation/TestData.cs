using MathNet.Numerics.LinearAlgebra;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests;

/// <summary>Seeded data and independent (MathNet, no TorchSharp) reference computations.</summary>
internal static class TestData
{
    /// <summary>n rows of x = z A + b with z ~ N(0, I_k), A k × d with N(0, scale²) entries, b ~ N(0, 1).</summary>
    public static float[][] CorrelatedGaussian(int n, int d, int seed, int? latent = null, double scale = 1.0, double shift = 0.0)
    {
        var random = new SeededRandom(seed);
        int k = latent ?? d;
        var a = new double[k, d];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < d; j++) a[i, j] = scale * random.Normal();
        var b = Enumerable.Range(0, d).Select(_ => random.Normal() + shift).ToArray();
        var rows = new float[n][];
        var z = new double[k];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < k; i++) z[i] = random.Normal();
            var row = new float[d];
            for (int j = 0; j < d; j++)
            {
                double v = b[j];
                for (int i = 0; i < k; i++) v += z[i] * a[i, j];
                row[j] = (float)v;
            }
            rows[r] = row;
        }
        return rows;
    }

    public static float[][] StandardNormal(int n, int d, int seed, double shift = 0.0)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => (float)(random.Normal() + shift)).ToArray()).ToArray();
    }

    /// <summary>Mean and (n − 1) covariance by plain loops in double.</summary>
    public static (Vector<double> Mean, Matrix<double> Cov) Moments(float[][] x)
    {
        int n = x.Length, d = x[0].Length;
        var mean = Vector<double>.Build.Dense(d);
        foreach (var row in x)
            for (int j = 0; j < d; j++) mean[j] += row[j];
        mean /= n;
        var cov = Matrix<double>.Build.Dense(d, d);
        foreach (var row in x)
            for (int i = 0; i < d; i++)
            {
                double di = row[i] - mean[i];
                for (int j = 0; j < d; j++) cov[i, j] += di * (row[j] - mean[j]);
            }
        return (mean, cov / (n - 1));
    }

    /// <summary>
    /// FID by an independent route: MathNet's general (non-symmetric) eigendecomposition of Σ1Σ2, whose
    /// eigenvalues are real and ≥ 0 in exact arithmetic; round-off imaginary parts and negatives are dropped.
    /// </summary>
    public static double ReferenceFid(Vector<double> mu1, Matrix<double> s1, Vector<double> mu2, Matrix<double> s2)
    {
        var evd = (s1 * s2).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Asymmetric);
        double traceSqrt = evd.EigenValues.Sum(l => Math.Sqrt(Math.Max(l.Real, 0)));
        return (mu1 - mu2).DotProduct(mu1 - mu2) + s1.Trace() + s2.Trace() - 2 * traceSqrt;
    }

    public static double ReferenceFid(float[][] x, float[][] y)
    {
        var (m1, s1) = Moments(x);
        var (m2, s2) = Moments(y);
        return ReferenceFid(m1, s1, m2, s2);
    }

    public static double[] RowMajor(Matrix<double> m) => m.ToRowMajorArray();

    /// <summary>A random orthogonal matrix (Q of a seeded Gaussian matrix's QR).</summary>
    public static Matrix<double> RandomOrthogonal(int d, int seed)
    {
        var random = new SeededRandom(seed);
        var g = Matrix<double>.Build.Dense(d, d, (_, _) => random.Normal());
        return g.QR().Q;
    }

    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-12);
        Assert.IsTrue(Math.Abs(actual - expected) <= tolerance * scale,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / scale:E2} > {tolerance:E0}).");
    }
}
