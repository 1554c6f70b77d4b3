namespace MlGan.Trainers.GmmGan;

/// <summary>
/// All real zeros of f(x) = Σ_k c_k exp(−(x − m_k)²/2) for n ≤ 4 terms (m sorted, distinct; c nonzero) inside
/// a finite window [lo, hi]. Writing f = e^{−x²/2 + m_0 x}·H(x) with H = Σ c_k e^{−m_k²/2} e^{(m_k − m_0)x} shows
/// H' ∝ f₁, where f₁(x) = Σ_{k≥1} c_k (m_k − m_0) exp(−(x − m_k)²/2) has one term fewer. So H is monotone
/// between consecutive zeros of f₁ (Rolle), each such piece holds at most one zero of f, and the Newton step on
/// H is simply f/f₁. Recursing down to two terms (closed form) isolates every zero; at most n − 1 exist
/// (Theorem A.2). Values are evaluated relative to the nearest mean's term, so nothing under- or overflows.
/// Allocation free.
/// </summary>
internal static class GaussianCombinationRoots
{
    public const int MaxTerms = 4;

    /// <summary>
    /// Half-width of the window beyond the outermost means. Every component's mass beyond 40σ is below 1e−300, so a
    /// zero farther out cannot change any interval probability or gradient in double precision.
    /// </summary>
    public const double Margin = 40.0;

    /// <summary>Writes the zeros of f in (lo, hi) in ascending order into <paramref name="roots"/> and returns their count.</summary>
    public static int Find(ReadOnlySpan<double> m, ReadOnlySpan<double> c, double lo, double hi, Span<double> roots)
    {
        int n = m.Length;
        if (n <= 1) return 0;
        if (n == 2)
        {
            if (c[0] * c[1] >= 0) return 0;
            // c0 e^{−(x−m0)²/2} = −c1 e^{−(x−m1)²/2}  ⇔  x = (m0 + m1)/2 + ln(−c0/c1)/(m1 − m0).
            double z = 0.5 * (m[0] + m[1]) + Math.Log(-c[0] / c[1]) / (m[1] - m[0]);
            if (!(z > lo && z < hi)) return 0;
            roots[0] = z;
            return 1;
        }

        Span<double> dc = stackalloc double[MaxTerms];
        for (int k = 1; k < n; k++) dc[k - 1] = c[k] * (m[k] - m[0]);
        Span<double> crit = stackalloc double[MaxTerms];
        int nc = Find(m[1..], dc[..(n - 1)], lo, hi, crit);

        int count = 0;
        double a = lo;
        double sa = Math.Sign(Evaluate(m, c, lo));
        for (int p = 0; p <= nc; p++)
        {
            double b = p < nc ? crit[p] : hi;
            double sb = Math.Sign(Evaluate(m, c, b));
            if (sb == 0 && p < nc)
            {
                // A critical point that is itself a zero (a tangency): record it once.
                if (count == 0 || roots[count - 1] != b) roots[count++] = b;
            }
            else if (sa != 0 && sb != 0 && sa != sb)
            {
                roots[count++] = SolveOnPiece(m, c, a, b, sa);
            }
            a = b;
            sa = sb;
        }
        return count;
    }

    /// <summary>f(x) divided by the nearest mean's exponential (a positive factor): its sign and ratios are exact.</summary>
    public static double Evaluate(ReadOnlySpan<double> m, ReadOnlySpan<double> c, double x)
    {
        int j = Nearest(m, x);
        double f = 0;
        for (int k = 0; k < m.Length; k++) f += c[k] * Math.Exp(RelativeExponent(m[j], m[k], x));
        return f;
    }

    // −((x − mk)² − (x − mj)²)/2 written as a product, so it stays finite for any finite x.
    private static double RelativeExponent(double mj, double mk, double x) => -0.5 * (mj - mk) * (2 * x - mj - mk);

    private static int Nearest(ReadOnlySpan<double> m, double x)
    {
        int j = 0;
        for (int k = 1; k < m.Length; k++) if (Math.Abs(x - m[k]) < Math.Abs(x - m[j])) j = k;
        return j;
    }

    // The zero of f in (a, b), where f changes sign and H is monotone.
    private static double SolveOnPiece(ReadOnlySpan<double> m, ReadOnlySpan<double> c, double a, double b, double signAtA)
    {
        // Safeguarded Newton on H (step f/f₁), falling back to bisection whenever it leaves the bracket.
        double lo = a, hi = b, x = 0.5 * (a + b);
        for (int iter = 0; iter < 200; iter++)
        {
            EvaluateWithDerivative(m, c, x, out double f, out double d);
            if (f == 0) return x;
            if (Math.Sign(f) == signAtA) lo = x; else hi = x;
            double next = x - f / d;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (next == x || next == lo || next == hi) return next;
            x = next;
        }
        return x;
    }

    // f(x) and f₁(x) with the same positive scale factor.
    private static void EvaluateWithDerivative(ReadOnlySpan<double> m, ReadOnlySpan<double> c, double x, out double f, out double d)
    {
        int j = Nearest(m, x);
        f = 0;
        d = 0;
        for (int k = 0; k < m.Length; k++)
        {
            double e = c[k] * Math.Exp(RelativeExponent(m[j], m[k], x));
            f += e;
            d += e * (m[k] - m[0]);
        }
    }
}
