using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlGan.Trainers.GmmGan;

/// <summary>
/// One step of each dynamics on a <see cref="GmmState"/>, allocation free. With C = ½/√(2π) and
/// e_μ(x) = exp(−(x − μ)²/2): F(x) = C(e_μ*1 + e_μ*2 − e_μ̂1 − e_μ̂2), ∂L/∂μ̂j = C Σ_i (e_μ̂j(ri) − e_μ̂j(ℓi)),
/// ∂L/∂ri = F(ri), ∂L/∂ℓi = −F(ℓi); the unrolled tangent also needs F'(x) = C(−(x−μ*1)e_μ*1 − … + (x−μ̂1)e_μ̂1 + …)
/// and ∂F(x)/∂μ̂j = −C(x − μ̂j)e_μ̂j(x). The four interval ends (ℓ1, r1, ℓ2, r2) travel as one Vector256, so each
/// evaluation is four vector exponentials; s = (−1, +1, −1, +1) is the sign of ∂L/∂end and collapsed intervals
/// are masked to zero.
/// </summary>
internal static class GmmDynamicsKernels
{
    private const double C = 0.5 * StandardNormal.InvSqrt2Pi;
    private static readonly Vector256<double> Signs = Vector256.Create(-1.0, 1.0, -1.0, 1.0);

    /// <summary>Eqs. 9–11: μ̂ ← μ̂ − η∇μ̂L, (ℓ, r) ← Π_D((ℓ, r) + η∇_(ℓ,r)L), all from the old state.</summary>
    public static void FirstOrderStep(ref GmmState s, double t1, double t2, double eta)
    {
        var x = Ends(s);
        var live = LiveSigns(s);
        var f = Evaluate(x, t1, t2, s.Mu1, s.Mu2, out var e1, out var e2, out _, out _);
        s.Mu1 -= eta * C * Vector256.Sum(live * e1);
        s.Mu2 -= eta * C * Vector256.Sum(live * e2);
        SetEnds(ref s, x + Vector256.Create(eta) * live * f);
        IntervalProjection.Project(ref s);
    }

    /// <summary>
    /// Unrolled step: v_0 = (ℓ, r), v_(k+1) = Π_D(v_k + η∇_v L(μ̂, v_k)); μ̂ ← μ̂ − η·d/dμ̂ L(μ̂, v_K(μ̂)) with the total
    /// derivative carried forward exactly (tangent J_k = dv_k/dμ̂ through each step and the projection's Jacobian);
    /// the discriminator itself moves to v_1, the ordinary simultaneous step.
    /// </summary>
    public static void UnrolledStep(ref GmmState s, double t1, double t2, double eta, int unroll)
    {
        var u = s;
        var tangent = default(IntervalEndsTangent);
        var afterOne = s;
        var etaV = Vector256.Create(eta);
        var cV = Vector256.Create(C);
        for (int k = 0; k < unroll; k++)
        {
            var x = Ends(u);
            var step = etaV * LiveSigns(u);
            var f = Evaluate(x, t1, t2, u.Mu1, u.Mu2, out var e1, out var e2, out var df, out var xu, out var xw);
            tangent.D1 += step * (df * tangent.D1 - cV * xu * e1);
            tangent.D2 += step * (df * tangent.D2 - cV * xw * e2);
            SetEnds(ref u, x + step * f);
            IntervalProjection.Project(ref u, ref tangent, true);
            if (k == 0) afterOne = u;
        }

        // d/dμ̂j L(μ̂, v_K) = ∂L/∂μ̂j + Σ_b ∂L/∂v_b · J[b, j] with ∂L/∂v_b = s_b F(v_b); collapsed intervals contribute nothing.
        var live = LiveSigns(u);
        var fK = Evaluate(Ends(u), t1, t2, u.Mu1, u.Mu2, out var k1, out var k2, out _, out _);
        afterOne.Mu1 = s.Mu1 - eta * Vector256.Sum(live * (cV * k1 + fK * tangent.D1));
        afterOne.Mu2 = s.Mu2 - eta * Vector256.Sum(live * (cV * k2 + fK * tangent.D2));
        s = afterOne;
    }

    /// <summary>
    /// Eqs. 7–8: the state's intervals hold argmax_(ℓ,r) L(μ̂, ℓ, r) for the current μ̂ (set by
    /// <see cref="SetOptimalDiscriminator"/>); μ̂ ← μ̂ − η∇μ̂L there, then the argmax is recomputed for the new μ̂.
    /// Infinite ends contribute exp(−∞) = 0.
    /// </summary>
    public static void OptimalStep(ref GmmState s, double t1, double t2, double eta)
    {
        double g1 = Gauss(s.R1 - s.Mu1) - Gauss(s.L1 - s.Mu1) + Gauss(s.R2 - s.Mu1) - Gauss(s.L2 - s.Mu1);
        double g2 = Gauss(s.R1 - s.Mu2) - Gauss(s.L1 - s.Mu2) + Gauss(s.R2 - s.Mu2) - Gauss(s.L2 - s.Mu2);
        s.Mu1 -= eta * C * g1;
        s.Mu2 -= eta * C * g2;
        SetOptimalDiscriminator(ref s, t1, t2);
    }

    public static void SetOptimalDiscriminator(ref GmmState s, double t1, double t2)
    {
        var d = GmmOptimalDiscriminator.FindUnchecked(t1, t2, s.Mu1, s.Mu2);
        s.L1 = d.L1; s.R1 = d.R1; s.L2 = d.L2; s.R2 = d.R2;
    }

    // exp(−x²/2), with ±∞ ↦ 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Gauss(double x) => Math.Exp(-0.5 * x * x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Ends(in GmmState s) => Vector256.Create(s.L1, s.R1, s.L2, s.R2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetEnds(ref GmmState s, Vector256<double> x)
    {
        s.L1 = x.GetElement(0); s.R1 = x.GetElement(1); s.L2 = x.GetElement(2); s.R2 = x.GetElement(3);
    }

    // s_b for live intervals, 0 for collapsed ones.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LiveSigns(in GmmState s) =>
        Signs * Vector256.Create(s.Collapsed1 ? 0.0 : 1.0, s.Collapsed1 ? 0.0 : 1.0, s.Collapsed2 ? 0.0 : 1.0, s.Collapsed2 ? 0.0 : 1.0);

    /// <summary>F at the four ends; also e_μ̂1, e_μ̂2 (for ∂L/∂μ̂).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Evaluate(Vector256<double> x, double t1, double t2, double m1, double m2,
        out Vector256<double> e1, out Vector256<double> e2, out Vector256<double> df, out Vector256<double> xu)
        => Evaluate(x, t1, t2, m1, m2, out e1, out e2, out df, out xu, out _);

    /// <summary>F and F' at the four ends, plus e_μ̂j and x − μ̂j for the tangent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Evaluate(Vector256<double> x, double t1, double t2, double m1, double m2,
        out Vector256<double> e1, out Vector256<double> e2, out Vector256<double> df, out Vector256<double> xu, out Vector256<double> xw)
    {
        var half = Vector256.Create(-0.5);
        var a = x - Vector256.Create(t1);
        var b = x - Vector256.Create(t2);
        xu = x - Vector256.Create(m1);
        xw = x - Vector256.Create(m2);
        var ea = Vector256.Exp(half * a * a);
        var eb = Vector256.Exp(half * b * b);
        e1 = Vector256.Exp(half * xu * xu);
        e2 = Vector256.Exp(half * xw * xw);
        var c = Vector256.Create(C);
        df = c * (xu * e1 + xw * e2 - a * ea - b * eb);
        return c * (ea + eb - e1 - e2);
    }
}
