namespace MlGan.Trainers.GmmGan;

/// <summary>
/// Standard normal density, CDF and interval mass in double precision, written out so the GMM-GAN
/// simulator needs no numerics package. erfc uses the all-positive erf series below 2 (no
/// cancellation) and the Laplace continued fraction from 2 on; both are accurate to a few ulps.
/// </summary>
public static class StandardNormal
{
    internal const double InvSqrt2Pi = 0.398942280401432677939946059934;
    private const double TwoOverSqrtPi = 1.12837916709551257389615890312;
    private const double InvSqrtPi = 0.564189583547756286948079451561;
    private const double InvSqrt2 = 0.707106781186547524400844362105;

    /// <summary>φ(x) = exp(−x²/2)/√(2π); φ(±∞) = 0.</summary>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Φ(z) = P(Z ≤ z).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z * InvSqrt2);

    /// <summary>Q(z) = 1 − Φ(z), computed directly so the upper tail keeps its relative precision.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z * InvSqrt2);

    /// <summary>Φ(b) − Φ(a) for a ≤ b (0 when b ≤ a), avoiding 1 − 1 cancellation in either tail.</summary>
    public static double Mass(double a, double b)
    {
        if (!(b > a)) return 0.0;
        if (a >= 0) return UpperTail(a) - UpperTail(b);
        if (b <= 0) return Cdf(b) - Cdf(a);
        return 1.0 - Cdf(a) - UpperTail(b);
    }

    /// <summary>Complementary error function erfc(x) = 1 − erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2.0 - Erfc(-x);
        if (x < 2.0) return 1.0 - ErfSeries(x);
        if (x > 27.3) return 0.0; // erfc(27.3) < 1e-325: below the smallest double.
        // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
        double t = x;
        for (int n = 60; n >= 1; n--) t = x + 0.5 * n / t;
        return Math.Exp(-x * x) * InvSqrtPi / t;
    }

    // erf(x) = 2/√π · exp(−x²) · Σ_n 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term positive.
    private static double ErfSeries(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }
}
