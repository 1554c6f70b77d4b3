using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation.Landscape;

/// <summary>Where a descent run ended.</summary>
public enum StationaryPointKind
{
    /// <summary>J ≤ the global tolerance: a global minimum (J ≈ 0).</summary>
    Global,
    /// <summary>‖∇J‖ ≤ the gradient tolerance but J above the global tolerance: a spurious stationary point.</summary>
    Spurious,
    /// <summary>Neither, within the step budget.</summary>
    NotConverged,
}

/// <summary>One run of the census: its end point's J, gradient norm and class.</summary>
/// <param name="Init">Index of the initial point.</param>
/// <param name="InitialJ">J at the initial point.</param>
/// <param name="FinalJ">J at the end point.</param>
/// <param name="GradientNorm">‖∇J‖ at the end point.</param>
/// <param name="Steps">Accepted steps taken.</param>
/// <param name="Kind">How the end point is classified.</param>
/// <param name="FinalPoint">The end point θ, flattened, as float64.</param>
public sealed record CensusRun(int Init, double InitialJ, double FinalJ, double GradientNorm, int Steps, StationaryPointKind Kind, double[] FinalPoint);

/// <summary>Settings of <see cref="StationaryPointCensus"/>.</summary>
/// <param name="MaxSteps">Step budget per run, ≥ 1. Default 5000.</param>
/// <param name="GlobalTolerance">J at or below this is a global minimum, &gt; 0. Default 1e-6.</param>
/// <param name="GradientTolerance">‖∇J‖ at or below this (with J above <paramref name="GlobalTolerance"/>) is a spurious stationary point, &gt; 0. Default 1e-6.</param>
/// <param name="InitialStep">First trial step size of the Armijo search, &gt; 0 (unused by the Levenberg–Marquardt census). Default 1.</param>
public sealed record CensusSettings(int MaxSteps = 5000, double GlobalTolerance = 1e-6, double GradientTolerance = 1e-6,
    double InitialStep = 1.0);

/// <summary>
/// Runs gradient descent on a loss J from many initial points and classifies each end point as a global
/// minimum (J ≈ 0), a spurious stationary point (‖∇J‖ ≈ 0, J > tolerance) or not converged. Steps use
/// Armijo backtracking, so every run monotonically decreases J and any limit point is stationary.
/// </summary>
public static class StationaryPointCensus
{
    /// <summary>One Armijo gradient-descent run per initial point, each classified by its end point.</summary>
    /// <param name="loss">J(θ); must not change its argument.</param>
    /// <param name="gradient">∇J(θ), of θ's shape.</param>
    /// <param name="initialPoints">Starting points (copied), at least one.</param>
    /// <param name="settings">Step budget, tolerances and the first step size.</param>
    /// <returns>One run per initial point, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="initialPoints"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialPoints"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is not positive.</exception>
    public static IReadOnlyList<CensusRun> Run(Func<Tensor, double> loss, Func<Tensor, Tensor> gradient,
        IReadOnlyList<Tensor> initialPoints, CensusSettings settings)
    {
        Guard.NotNull(initialPoints, nameof(initialPoints));
        if (initialPoints.Count == 0) throw new ArgumentException("At least one initial point is needed.", nameof(initialPoints));
        Guard.Positive(settings.MaxSteps, nameof(settings.MaxSteps));
        Guard.Positive(settings.GlobalTolerance, nameof(settings.GlobalTolerance));
        Guard.Positive(settings.GradientTolerance, nameof(settings.GradientTolerance));
        Guard.Positive(settings.InitialStep, nameof(settings.InitialStep));
        var runs = new List<CensusRun>(initialPoints.Count);
        for (int r = 0; r < initialPoints.Count; r++) runs.Add(Descend(r, loss, gradient, initialPoints[r], settings));
        return runs;
    }

    /// <summary>
    /// The census for a least-squares loss J = ½‖r(θ)‖² given r and its Jacobian ∂r/∂θ: Levenberg–Marquardt
    /// steps (accepted only when J decreases, so J is still monotone) converge fast even where plain gradient
    /// descent crawls (the nearly vanishing gradients No et al. report), and end points are classified by the
    /// same rule with ∇J = (∂r/∂θ)ᵀ r.
    /// </summary>
    public static IReadOnlyList<CensusRun> RunLeastSquares(Func<Tensor, (Tensor Residual, Tensor Jacobian)> residual,
        IReadOnlyList<Tensor> initialPoints, CensusSettings settings)
    {
        Guard.NotNull(initialPoints, nameof(initialPoints));
        if (initialPoints.Count == 0) throw new ArgumentException("At least one initial point is needed.", nameof(initialPoints));
        Guard.Positive(settings.MaxSteps, nameof(settings.MaxSteps));
        var runs = new List<CensusRun>(initialPoints.Count);
        for (int r = 0; r < initialPoints.Count; r++) runs.Add(LevenbergMarquardt(r, residual, initialPoints[r], settings));
        return runs;
    }

    private static CensusRun LevenbergMarquardt(int index, Func<Tensor, (Tensor Residual, Tensor Jacobian)> residual, Tensor start, CensusSettings s)
    {
        var theta = start.detach().clone();
        double lambda = 1e-3, gradNorm = double.NaN, j0 = double.NaN, j = double.NaN;
        int t = 0;
        try
        {
            for (; t <= s.MaxSteps; t++)
            {
                using var scope = NewDisposeScope();
                var (r, jac) = residual(theta);
                j = 0.5 * r.square().sum().ToDouble();
                if (t == 0) j0 = j;
                var grad = jac.t().matmul(r);
                gradNorm = grad.norm().ToDouble();
                if (j <= s.GlobalTolerance || gradNorm <= s.GradientTolerance || t == s.MaxSteps) break;
                var normal = jac.t().matmul(jac);
                var eye = torch.eye(normal.shape[0], dtype: normal.dtype);
                while (true)
                {
                    var stepDir = torch.linalg.solve(normal + lambda * (eye * normal.diagonal().clamp_min(1e-12)), grad);
                    var candidate = theta - stepDir;
                    double jc = 0.5 * residual(candidate).Residual.square().sum().ToDouble();
                    if (jc < j)
                    {
                        theta.copy_(candidate);
                        lambda = Math.Max(lambda / 3, 1e-12);
                        break;
                    }
                    lambda *= 4;
                    if (lambda > 1e12) break;
                }
                if (lambda > 1e12) break; // no decreasing step exists at machine precision: a stationary point
            }
            var kind = j <= s.GlobalTolerance ? StationaryPointKind.Global
                : gradNorm <= s.GradientTolerance || lambda > 1e12 ? StationaryPointKind.Spurious
                : StationaryPointKind.NotConverged;
            return new CensusRun(index, j0, j, gradNorm, t, kind, theta.to_type(ScalarType.Float64).data<double>().ToArray());
        }
        finally
        {
            theta.Dispose();
        }
    }

    private static CensusRun Descend(int index, Func<Tensor, double> loss, Func<Tensor, Tensor> gradient, Tensor start, CensusSettings s)
    {
        var theta = start.detach().clone();
        double j = loss(theta), j0 = j, step = s.InitialStep, gradNorm = double.NaN;
        int t = 0;
        try
        {
            for (; t < s.MaxSteps; t++)
            {
                using var scope = NewDisposeScope();
                var g = gradient(theta);
                double g2 = g.square().sum().ToDouble();
                gradNorm = Math.Sqrt(g2);
                if (j <= s.GlobalTolerance || gradNorm <= s.GradientTolerance) break;
                // Armijo backtracking: accept the first step with J(θ − ηg) ≤ J(θ) − ½ η ‖g‖².
                step *= 2;
                while (true)
                {
                    var candidate = theta - step * g;
                    double jc = loss(candidate);
                    if (jc <= j - 0.5 * step * g2 || step < 1e-300)
                    {
                        theta.copy_(candidate);
                        j = jc;
                        break;
                    }
                    step *= 0.5;
                }
            }
            if (t == s.MaxSteps)
            {
                using var g = gradient(theta);
                gradNorm = g.norm().ToDouble();
            }
            var kind = j <= s.GlobalTolerance ? StationaryPointKind.Global
                : gradNorm <= s.GradientTolerance ? StationaryPointKind.Spurious
                : StationaryPointKind.NotConverged;
            return new CensusRun(index, j0, j, gradNorm, t, kind, theta.to_type(ScalarType.Float64).data<double>().ToArray());
        }
        finally
        {
            theta.Dispose();
        }
    }
}
