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
public sealed record CensusRun(int Init, double InitialJ, double FinalJ, double GradientNorm, int Steps, StationaryPointKind Kind);

/// <summary>Settings of <see cref="StationaryPointCensus"/>.</summary>
public sealed record CensusSettings(int MaxSteps = 5000, double GlobalTolerance = 1e-6, double GradientTolerance = 1e-6,
    double InitialStep = 1.0);

/// <summary>
/// Runs gradient descent on a loss J from many initial points and classifies each end point as a global
/// minimum (J ≈ 0), a spurious stationary point (‖∇J‖ ≈ 0, J > tolerance) or not converged. Steps use
/// Armijo backtracking, so every run monotonically decreases J and any limit point is stationary.
/// </summary>
public static class StationaryPointCensus
{
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
            return new CensusRun(index, j0, j, gradNorm, t, kind);
        }
        finally
        {
            theta.Dispose();
        }
    }
}
