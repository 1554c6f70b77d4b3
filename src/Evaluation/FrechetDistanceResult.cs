namespace MlGan.Evaluation;

/// <summary>
/// A Fréchet distance with the diagnostics of its matrix square root (<see cref="FrechetDistance.ComputeDetailed(FeatureStatistics, FeatureStatistics)"/>).
/// </summary>
/// <param name="Value">The distance ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1Σ2)^½).</param>
/// <param name="SqrtRoute">
/// How Tr((Σ1Σ2)^½) was taken: <see cref="CholeskyRoute"/> when one covariance was numerically positive
/// definite, <see cref="EigenRoute"/> (clamped eigendecomposition) when both were rank-deficient.
/// </param>
/// <param name="SmallestEigenvalue">
/// Smallest eigenvalue of the symmetric congruence matrix whose eigenvalues' square roots are summed, before
/// clamping. Exact arithmetic gives a value ≥ 0; a negative one is round-off, large when a covariance is singular.
/// </param>
/// <param name="ClippedNegativeMass">Σ |λ| over that matrix's negative eigenvalues, which were clamped to 0.</param>
public sealed record FrechetDistanceResult(double Value, string SqrtRoute, double SmallestEigenvalue, double ClippedNegativeMass)
{
    /// <summary><see cref="SqrtRoute"/> when a Cholesky factor of Σ1 (or Σ2) formed the congruence.</summary>
    public const string CholeskyRoute = "cholesky";

    /// <summary><see cref="SqrtRoute"/> when the eigendecomposition of Σ1 (negative eigenvalues clamped) formed it.</summary>
    public const string EigenRoute = "eigen";

    /// <summary>‖μ1 − μ2‖², the part of <see cref="Value"/> due to the means.</summary>
    public double MeanTerm { get; init; }

    /// <summary>Tr(Σ1 + Σ2 − 2 (Σ1Σ2)^½), the part of <see cref="Value"/> due to the covariances.</summary>
    public double CovarianceTerm { get; init; }
}
