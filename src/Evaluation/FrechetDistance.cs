using MlGan.Transforms;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// Fréchet distance between Gaussians fitted to two feature sets (FID when the features come from an
/// Inception-like net): ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1Σ2)^½), in float64.
/// </summary>
/// <remarks>
/// Σ1Σ2 is not symmetric, and a general matrix square root (scipy's <c>sqrtm</c>) is slow and, for the
/// singular covariances of small samples, unstable (complex parts, NaNs). Only its trace is needed, and
/// Tr((Σ1Σ2)^½) = Σ_i √λ_i over the eigenvalues λ_i of the symmetric PSD matrix Σ1^½ Σ2 Σ1^½, which has
/// the same spectrum as Σ1Σ2. With Σ1 = V Λ Vᵀ (negative round-off eigenvalues clamped to 0) and
/// W = V Λ^½, Σ1^½ Σ2 Σ1^½ = V (Wᵀ Σ2 W) Vᵀ, so the eigenvalues of Wᵀ Σ2 W suffice. When Σ1 (or Σ2)
/// is numerically positive definite, its Cholesky factor L serves as W (Lᵀ Σ2 L is again congruent to
/// a matrix with the spectrum of Σ1Σ2) and saves the eigenvector solve: a Cholesky, two matmuls and one
/// eigenvalues-only symmetric solve. Rank-deficient pairs (fewer samples than dimensions) take the
/// clamped-eigendecomposition route. <see cref="ComputeDetailed(FeatureStatistics, FeatureStatistics)"/> reports
/// the route and the negative round-off eigenvalues of the congruence that were clamped to 0.
/// </remarks>
public static class FrechetDistance
{
    /// <summary>Distance between the Gaussians fitted to two feature sets (rows are samples).</summary>
    public static double Compute(float[][] features1, float[][] features2) => ComputeDetailed(features1, features2).Value;

    /// <summary>The distance between the Gaussians fitted to two feature sets, with its square-root diagnostics.</summary>
    public static FrechetDistanceResult ComputeDetailed(float[][] features1, float[][] features2)
    {
        TorchNative.EnsureAvailable();
        Guard.NotNull(features1, nameof(features1));
        Guard.NotNull(features2, nameof(features2));
        if (features1.Length > 0 && features2.Length > 0 && features1[0] is { } a && features2[0] is { } b)
            FeatureChecks.SameDimension(a.Length, nameof(features1), b.Length, nameof(features2));
        var s1 = FeatureStatistics.FromFeatures(features1, nameof(features1));
        var s2 = FeatureStatistics.FromFeatures(features2, nameof(features2));
        return ComputeDetailed(s1, s2);
    }

    /// <summary>Distance between the Gaussians fitted to two feature tensors [n, d] (float32 or float64).</summary>
    public static double Compute(Tensor features1, Tensor features2)
    {
        TorchNative.EnsureAvailable();
        FeatureChecks.CheckTensor(features1, nameof(features1));
        FeatureChecks.CheckTensor(features2, nameof(features2));
        FeatureChecks.SameDimension(features1.shape[1], nameof(features1), features2.shape[1], nameof(features2));
        return Compute(FeatureStatistics.FromFeatures(features1), FeatureStatistics.FromFeatures(features2));
    }

    /// <summary>Distance between a feature set and cached reference statistics.</summary>
    public static double Compute(float[][] features, FeatureStatistics reference)
    {
        TorchNative.EnsureAvailable();
        Guard.NotNull(reference, nameof(reference));
        if (features is { Length: > 0 } && features[0] is { } first)
            FeatureChecks.SameDimension(reference.Dimension, nameof(reference), first.Length, nameof(features));
        var s = FeatureStatistics.FromFeatures(features, nameof(features));
        return Compute(s, reference);
    }

    /// <summary>Distance between two Gaussians given by their (cached) statistics.</summary>
    public static double Compute(FeatureStatistics statistics1, FeatureStatistics statistics2) =>
        ComputeDetailed(statistics1, statistics2).Value;

    /// <summary>
    /// The distance with the diagnostics of its matrix square root: which route took it, the smallest eigenvalue
    /// of the congruence matrix before clamping, and the negative mass clamped away (see
    /// <see cref="FrechetDistanceResult"/>). <see cref="FrechetDistanceResult.Value"/> is exactly what
    /// <see cref="Compute(FeatureStatistics, FeatureStatistics)"/> returns.
    /// </summary>
    public static FrechetDistanceResult ComputeDetailed(FeatureStatistics statistics1, FeatureStatistics statistics2)
    {
        TorchNative.EnsureAvailable();
        Guard.NotNull(statistics1, nameof(statistics1));
        Guard.NotNull(statistics2, nameof(statistics2));
        FeatureChecks.SameDimension(statistics1.Dimension, nameof(statistics1), statistics2.Dimension, nameof(statistics2));

        var m1 = statistics1.MeanSpan;
        var m2 = statistics2.MeanSpan;
        double meanTerm = 0;
        for (int i = 0; i < m1.Length; i++)
        {
            double diff = m1[i] - m2[i];
            meanTerm += diff * diff;
        }

        int d = statistics1.Dimension;
        using var scope = NewDisposeScope();
        var sigma1 = torch.tensor(statistics1.CovarianceArray, new long[] { d, d });
        var sigma2 = torch.tensor(statistics2.CovarianceArray, new long[] { d, d });
        double trace1 = sigma1.trace().item<double>(), trace2 = sigma2.trace().item<double>();
        var sqrt = TraceSqrtProductDetailed(sigma1, sigma2);
        double covarianceTerm = trace1 + trace2 - 2 * sqrt.TraceSqrt;
        // Summed in the order the distance was always summed in, so values stay bit-identical.
        return new FrechetDistanceResult(meanTerm + trace1 + trace2 - 2 * sqrt.TraceSqrt, sqrt.Route, sqrt.SmallestEigenvalue, sqrt.ClippedNegativeMass)
        {
            MeanTerm = meanTerm,
            CovarianceTerm = covarianceTerm,
        };
    }

    /// <summary>Tr((Σ1Σ2)^½) for symmetric PSD float64 matrices (see the class remarks).</summary>
    internal static double TraceSqrtProduct(Tensor sigma1, Tensor sigma2, bool eigenRouteOnly = false) =>
        TraceSqrtProductDetailed(sigma1, sigma2, eigenRouteOnly).TraceSqrt;

    /// <summary>Tr((Σ1Σ2)^½) with the route taken and the spectrum's clamped negative part.</summary>
    internal static (double TraceSqrt, string Route, double SmallestEigenvalue, double ClippedNegativeMass) TraceSqrtProductDetailed(
        Tensor sigma1, Tensor sigma2, bool eigenRouteOnly = false)
    {
        using var scope = NewDisposeScope();
        // Symmetrise: the solvers read one triangle, so round-off asymmetry must not bias them.
        var s1 = (sigma1 + sigma1.t()).mul_(0.5);
        var s2 = (sigma2 + sigma2.t()).mul_(0.5);
        var m = eigenRouteOnly ? null : CholeskyCongruence(s1, s2) ?? CholeskyCongruence(s2, s1);
        string route = m is null ? FrechetDistanceResult.EigenRoute : FrechetDistanceResult.CholeskyRoute;
        m ??= EigenCongruence(s1, s2);
        m = (m + m.t()).mul_(0.5);
        var mu = linalg.eigvalsh(m);
        double smallest = mu.min().item<double>();
        double negativeMass = mu.clamp_max(0).abs().sum().item<double>();
        return (mu.clamp_min(0).sqrt().sum().item<double>(), route, smallest, negativeMass);
    }

    /// <summary>
    /// Lᵀ Σb L with Σa = L Lᵀ (Cholesky), whose spectrum is that of ΣaΣb; null when Σa is not numerically
    /// positive definite. Cheaper than the eigendecomposition route (no eigenvectors), same eigenvalues.
    /// </summary>
    private static Tensor? CholeskyCongruence(Tensor sigmaA, Tensor sigmaB)
    {
        var (l, info) = linalg.cholesky_ex(sigmaA);
        if (info.item<int>() != 0) return null;
        return l.t().matmul(sigmaB).matmul(l);
    }

    /// <summary>Wᵀ Σ2 W with W = V Λ^½ from Σ1 = V Λ Vᵀ (negative round-off eigenvalues clamped): any PSD Σ1.</summary>
    private static Tensor EigenCongruence(Tensor sigma1, Tensor sigma2)
    {
        var (lambda, v) = linalg.eigh(sigma1);
        var w = v.mul(lambda.clamp_min(0).sqrt().unsqueeze(0)); // W = V Λ^½ (columns scaled)
        return w.t().matmul(sigma2).matmul(w);
    }
}
