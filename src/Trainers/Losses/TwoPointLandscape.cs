using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Losses;

/// <summary>
/// The landscape of GAN outer optimisation in function space (Sun et al. 2020, §3):
/// φ(Y, X) = sup_f objective(f; X, Y) with the discriminator free at every point, i.e. one free logit
/// per distinct point of X ∪ Y. The inner problem min_v D-loss(v[X], v[Y]) is convex for the bounded
/// losses (JS, hinge, LS and their relativistic versions); it is solved by damped Newton (Levenberg–
/// Marquardt with Armijo backtracking) on the library's own loss tensors, gradient and Hessian by autograd.
/// Where the sup is only approached (logits → ±∞) the iterates walk out along the flat tail until the
/// loss stops decreasing, which leaves an error below 1e-12.
/// </summary>
public static class TwoPointLandscape
{
    /// <summary>Default data points: the paper's two cluster centres c₁ = 0 and c₂ = 4 (§5).</summary>
    public const double DefaultX1 = 0.0, DefaultX2 = 4.0;

    /// <summary>X and Y for a state: S0 puts Y at ¼ and ½ of the way from x₁ to x₂, S1a at (x₁, x₁), S1b at (x₁, midpoint), S2 at (x₁, x₂).</summary>
    public static (double[] X, double[] Y) Configuration(TwoPointState state, double x1 = DefaultX1, double x2 = DefaultX2)
    {
        Guard(x1, x2);
        double quarter = x1 + 0.25 * (x2 - x1), mid = x1 + 0.5 * (x2 - x1);
        double[] y = state switch
        {
            TwoPointState.S0 => [quarter, mid],
            TwoPointState.S1a => [x1, x1],
            TwoPointState.S1b => [x1, mid],
            TwoPointState.S2 => [x1, x2],
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "state must be S0, S1a, S1b or S2."),
        };
        return ([x1, x2], y);
    }

    /// <summary>φ(Y, X) for the canonical configuration of <paramref name="state"/>.</summary>
    public static LandscapeSolution Solve(GanLoss loss, TwoPointState state, double x1 = DefaultX1, double x2 = DefaultX2)
    {
        var (x, y) = Configuration(state, x1, x2);
        return Solve(loss, x, y);
    }

    /// <summary>
    /// φ(Y, X) = −min_v D-loss(v[X], v[Y]) over one free logit per distinct point. Any number of real and
    /// generated 1-D points (equal counts for relativistic losses; Y is paired with X in the given order).
    /// </summary>
    public static LandscapeSolution Solve(GanLoss loss, IReadOnlyList<double> realPoints, IReadOnlyList<double> fakePoints, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(realPoints);
        ArgumentNullException.ThrowIfNull(fakePoints);
        TorchNative.EnsureAvailable();
        if (loss.Family == GanLossFamily.Wasserstein)
            throw new ArgumentException(
                $"The landscape of '{loss.Name}' is unbounded (h(t) = t has sup = ∞ without a Lipschitz constraint, Sun et al. Remark 2); " +
                "use a bounded loss (js, js-ns, hinge, ls, rs, rs-sat, rp-hinge, rp-ls).", nameof(loss));
        if (realPoints.Count == 0) throw new ArgumentException("realPoints must hold at least one point.", nameof(realPoints));
        if (fakePoints.Count == 0) throw new ArgumentException("fakePoints must hold at least one point.", nameof(fakePoints));
        MlGan.Transforms.Guard.AllFinite(realPoints, nameof(realPoints));
        MlGan.Transforms.Guard.AllFinite(fakePoints, nameof(fakePoints));
        if (loss.Family == GanLossFamily.Relativistic && realPoints.Count != fakePoints.Count)
            throw new ArgumentException(
                $"'{loss.Name}' pairs real and generated points, so both lists need the same length; got {realPoints.Count} and {fakePoints.Count}.",
                nameof(fakePoints));
        MlGan.Transforms.Guard.Positive(maxIterations, nameof(maxIterations));

        double[] points = realPoints.Concat(fakePoints).Distinct().Order().ToArray();
        long[] ix = realPoints.Select(p => (long)Array.BinarySearch(points, p)).ToArray();
        long[] iy = fakePoints.Select(p => (long)Array.BinarySearch(points, p)).ToArray();
        using var idxX = torch.tensor(ix);
        using var idxY = torch.tensor(iy);
        var problem = new Problem(loss, idxX, idxY, points.Length);

        double[] v = new double[points.Length];
        double f = problem.Value(v);
        double lambda = 1e-8;
        double gradNorm = double.PositiveInfinity;
        int iter = 0;
        for (; iter < maxIterations; iter++)
        {
            var (g, h) = problem.Derivatives(v);
            gradNorm = g.Max(Math.Abs);
            if (gradNorm < 1e-13) break;

            bool accepted = false;
            double fNew = f;
            double[] vNew = v;
            for (int attempt = 0; attempt < 80 && !accepted; attempt++)
            {
                double[]? d = SolveShifted(h, g, lambda);
                if (d is null) { lambda = Math.Max(lambda * 10, 1e-8); continue; }
                double slope = Dot(g, d);
                vNew = v.Zip(d, (a, b) => a + b).ToArray();
                fNew = problem.Value(vNew);
                if (slope < 0 && fNew <= f + 1e-4 * slope) accepted = true;
                else lambda = Math.Max(lambda * 10, 1e-8);
            }
            if (!accepted) break; // no descent at any step length: optimal up to the kinks' resolution
            double decrease = f - fNew;
            v = vNew;
            f = fNew;
            lambda = Math.Max(lambda / 10, 1e-12);
            if (decrease <= 1e-15 * (1 + Math.Abs(f))) { iter++; break; }
        }
        if (iter >= maxIterations)
            throw new InvalidOperationException(
                $"The discriminator optimum for '{loss.Name}' did not settle within {maxIterations} Newton iterations (last ‖∇‖∞ = {gradNorm:G3}).");
        return new LandscapeSolution(-f, f, points, v, iter, gradNorm);
    }

    /// <summary>
    /// The values printed in Sun et al. 2020: Claim 3.1 (JS: −log 2, −½ log 2, ¼(2 log 2 − 3 log 3), 0 for
    /// S2, S1b, S1a, S0) and Claim 3.2 (RS: −log 2, −½ log 2, −½ log 2, 0). Null for other losses.
    /// </summary>
    public static double? PaperValue(string lossName, TwoPointState state)
    {
        ArgumentNullException.ThrowIfNull(lossName);
        double ln2 = Math.Log(2), ln3 = Math.Log(3);
        return lossName.Trim().ToLowerInvariant() switch
        {
            "js" or "js-ns" => state switch
            {
                TwoPointState.S2 => -ln2,
                TwoPointState.S1b => -ln2 / 2,
                TwoPointState.S1a => 0.25 * (2 * ln2 - 3 * ln3),
                _ => 0.0,
            },
            "rs" or "rs-sat" => state switch
            {
                TwoPointState.S2 => -ln2,
                TwoPointState.S1b or TwoPointState.S1a => -ln2 / 2,
                _ => 0.0,
            },
            _ => null,
        };
    }

    private static void Guard(double x1, double x2)
    {
        MlGan.Transforms.Guard.Finite(x1, nameof(x1));
        MlGan.Transforms.Guard.Finite(x2, nameof(x2));
        if (x1 == x2) throw new ArgumentException($"x1 and x2 must be distinct data points; both are {x1}.", nameof(x2));
    }

    /// <summary>Solves (H + λI) d = −g by Cholesky; null when H + λI is not positive definite.</summary>
    private static double[]? SolveShifted(double[,] h, double[] g, double lambda)
    {
        int n = g.Length;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = h[i, j] + (i == j ? lambda : 0);
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(s > 0)) return null;
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        }
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = -g[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * z[k];
            z[i] = s / l[i, i];
        }
        var d = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k, i] * d[k];
            d[i] = s / l[i, i];
        }
        return d;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>D-loss as a function of the free logits, with autograd derivatives.</summary>
    private sealed class Problem(GanLoss loss, Tensor idxX, Tensor idxY, int size)
    {
        public double Value(double[] v)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var t = torch.tensor(v, dtype: ScalarType.Float64);
            return Loss(t).item<double>();
        }

        public (double[] Gradient, double[,] Hessian) Derivatives(double[] v)
        {
            using var scope = torch.NewDisposeScope();
            var t = torch.tensor(v, dtype: ScalarType.Float64).requires_grad_(true);
            var value = Loss(t);
            var grad = torch.autograd.grad([value], [t], retain_graph: true, create_graph: true)[0];
            double[] g = grad.detach().data<double>().ToArray();
            var h = new double[size, size];
            if (grad.requires_grad)
            {
                for (int i = 0; i < size; i++)
                {
                    var row = torch.autograd.grad([grad[i]], [t], retain_graph: true, allow_unused: true)[0];
                    if (row is null || row.IsInvalid) continue; // piecewise-linear terms: zero curvature
                    double[] r = row.data<double>().ToArray();
                    for (int j = 0; j < size; j++) h[i, j] = r[j];
                }
            }
            // Symmetrise against round-off before Cholesky.
            for (int i = 0; i < size; i++)
                for (int j = 0; j < i; j++)
                    h[i, j] = h[j, i] = 0.5 * (h[i, j] + h[j, i]);
            return (g, h);
        }

        private Tensor Loss(Tensor v) => loss.DiscriminatorLoss(v.index_select(0, idxX), v.index_select(0, idxY));
    }
}
