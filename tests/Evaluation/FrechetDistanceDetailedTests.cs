using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class FrechetDistanceDetailedTests
{
    [TestMethod]
    public void DiagonalCovariances_GiveTheClosedFormTerms_AndTheCompactValue()
    {
        // Σ1 = diag(a) is positive definite: its Cholesky factor diag(√a) gives the congruence diag(a_i b_i).
        double[] a = [1.0, 4.0, 0.25, 9.0], b = [2.0, 1.0, 0.5, 16.0];
        double[] mu1 = [0, 1, 2, 3], mu2 = [1, 1, 0, 3];
        var s1 = new FeatureStatistics(mu1, RowMajor(Matrix<double>.Build.DenseOfDiagonalArray(a)), 100);
        var s2 = new FeatureStatistics(mu2, RowMajor(Matrix<double>.Build.DenseOfDiagonalArray(b)), 100);

        var detailed = FrechetDistance.ComputeDetailed(s1, s2);

        Assert.AreEqual(FrechetDistance.Compute(s1, s2), detailed.Value); // bit-identical
        Assert.AreEqual(FrechetDistanceResult.CholeskyRoute, detailed.SqrtRoute);
        AssertRelative(a.Zip(b, (x, y) => x * y).Min(), detailed.SmallestEigenvalue, 1e-12, "smallest eigenvalue");
        Assert.AreEqual(0.0, detailed.ClippedNegativeMass);
        AssertRelative(5.0, detailed.MeanTerm, 1e-15, "mean term");
        AssertRelative(a.Zip(b, (x, y) => Math.Pow(Math.Sqrt(x) - Math.Sqrt(y), 2)).Sum(), detailed.CovarianceTerm, 1e-12, "covariance term");
    }

    [TestMethod]
    public void Routes_FollowTheRanks_AndValuesMatchCompute()
    {
        var full1 = CorrelatedGaussian(400, 40, seed: 1);
        var full2 = CorrelatedGaussian(300, 40, seed: 2, scale: 0.8);
        var few1 = CorrelatedGaussian(30, 40, seed: 3);
        var few2 = CorrelatedGaussian(25, 40, seed: 4, shift: 0.3);
        foreach (var (x, y, route) in new[]
        {
            (full1, full2, FrechetDistanceResult.CholeskyRoute),
            (few1, full2, FrechetDistanceResult.CholeskyRoute), // Σ1 singular: the Cholesky of Σ2 serves
            (few1, few2, FrechetDistanceResult.EigenRoute),
        })
        {
            var detailed = FrechetDistance.ComputeDetailed(x, y);
            Assert.AreEqual(route, detailed.SqrtRoute, $"N = {x.Length}, {y.Length}");
            Assert.AreEqual(FrechetDistance.Compute(x, y), detailed.Value, $"N = {x.Length}, {y.Length}");
            Assert.AreEqual(detailed.Value, detailed.MeanTerm + detailed.CovarianceTerm, 1e-9 * Math.Abs(detailed.Value));
            Assert.IsGreaterThanOrEqualTo(0.0, detailed.ClippedNegativeMass);
            if (detailed.SmallestEigenvalue < 0) Assert.IsGreaterThanOrEqualTo(-detailed.SmallestEigenvalue, detailed.ClippedNegativeMass);
            else Assert.AreEqual(0.0, detailed.ClippedNegativeMass);
        }
        // Rank ≤ 24 of 40: the congruence has ≥ 16 eigenvalues that are zero up to round-off.
        var singular = FrechetDistance.ComputeDetailed(few1, few2);
        double scale = FeatureStatistics.FromFeatures(few1).Covariance.Max() * FeatureStatistics.FromFeatures(few2).Covariance.Max();
        Assert.IsLessThan(1e-9 * scale, Math.Abs(singular.SmallestEigenvalue), $"smallest eigenvalue {singular.SmallestEigenvalue}");
    }

    [TestMethod]
    public void IndefiniteInput_ReportsTheClampedSpectrum()
    {
        // Σ1 = I, Σ2 = diag(4, 1, −0.25, −1): the congruence is Σ2 itself on either route; its negative part
        // (mass 1.25, smallest −1) is clamped, leaving Tr sqrt = 2 + 1.
        using var eye = torch.eye(4, dtype: torch.ScalarType.Float64);
        using var sigma2 = torch.diag(torch.tensor(new[] { 4.0, 1.0, -0.25, -1.0 }));
        foreach (bool eigenOnly in new[] { false, true })
        {
            var (traceSqrt, route, smallest, negativeMass) = FrechetDistance.TraceSqrtProductDetailed(eye, sigma2, eigenOnly);
            Assert.AreEqual(eigenOnly ? FrechetDistanceResult.EigenRoute : FrechetDistanceResult.CholeskyRoute, route);
            Assert.AreEqual(3.0, traceSqrt, 1e-14);
            Assert.AreEqual(-1.0, smallest, 1e-14);
            Assert.AreEqual(1.25, negativeMass, 1e-14);
        }
    }
}
