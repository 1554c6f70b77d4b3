using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class FrechetDistanceTests
{
    private static FeatureStatistics Stats(double[] mean, Matrix<double> cov) => new(mean, RowMajor(cov), 1000);

    [TestMethod]
    public void DiagonalCovariances_MatchClosedForm()
    {
        // Commuting Σ: Tr((Σ1Σ2)^½) = Σ √(a_i b_i), so FID = ‖Δμ‖² + Σ (√a_i − √b_i)².
        double[] a = [1.0, 4.0, 0.25, 9.0, 2.0], b = [2.0, 1.0, 0.25, 16.0, 0.5];
        double[] mu1 = [0, 1, 2, 3, 4], mu2 = [1, 1, 0, 3, 5];
        double expected = mu1.Zip(mu2, (x, y) => (x - y) * (x - y)).Sum() + a.Zip(b, (x, y) => Math.Pow(Math.Sqrt(x) - Math.Sqrt(y), 2)).Sum();
        double fid = FrechetDistance.Compute(
            Stats(mu1, Matrix<double>.Build.DenseOfDiagonalArray(a)), Stats(mu2, Matrix<double>.Build.DenseOfDiagonalArray(b)));
        AssertRelative(expected, fid, 1e-9, "diagonal FID");
    }

    [TestMethod]
    public void CommutingRotatedCovariances_MatchClosedForm()
    {
        // Σ1 = Q diag(a) Qᵀ, Σ2 = Q diag(b) Qᵀ share eigenvectors: same closed form, but dense matrices.
        const int d = 40;
        var q = RandomOrthogonal(d, seed: 3);
        var a = Enumerable.Range(0, d).Select(i => 0.1 + i * 0.37).ToArray();
        var b = Enumerable.Range(0, d).Select(i => 5.0 / (1 + i)).ToArray();
        var s1 = q * Matrix<double>.Build.DenseOfDiagonalArray(a) * q.Transpose();
        var s2 = q * Matrix<double>.Build.DenseOfDiagonalArray(b) * q.Transpose();
        var mu = new double[d];
        double expected = a.Zip(b, (x, y) => Math.Pow(Math.Sqrt(x) - Math.Sqrt(y), 2)).Sum();
        AssertRelative(expected, FrechetDistance.Compute(Stats(mu, s1), Stats(mu, s2)), 1e-8, "rotated commuting FID");
    }

    [TestMethod]
    public void TwoDimensionalNonCommuting_MatchesClosedForm()
    {
        // For 2 × 2: (√λ1 + √λ2)² = tr(Σ1Σ2) + 2√(det Σ1 det Σ2).
        var s1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 2.0, 0.8 }, { 0.8, 1.0 } });
        var s2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5, -0.3 }, { -0.3, 3.0 } });
        double traceSqrt = Math.Sqrt((s1 * s2).Trace() + 2 * Math.Sqrt(s1.Determinant() * s2.Determinant()));
        double expected = 1.0 * 1.0 + 2.0 * 2.0 + s1.Trace() + s2.Trace() - 2 * traceSqrt;
        AssertRelative(expected, FrechetDistance.Compute(Stats([0, 0], s1), Stats([1, -2], s2)), 1e-10, "2-D FID");
    }

    [TestMethod]
    public void OneDimensionalSamples_MatchSampleMomentFormula()
    {
        // 1-D: FID = (m1 − m2)² + (s1 − s2)² with the sample mean and the n − 1 standard deviation.
        var x = StandardNormal(400, 1, seed: 5).Select(r => new[] { 2 * r[0] + 1 }).ToArray();
        var y = StandardNormal(300, 1, seed: 6).Select(r => new[] { 0.5f * r[0] - 1 }).ToArray();
        static (double M, double S) MeanStd(float[][] v)
        {
            double m = v.Average(r => (double)r[0]);
            return (m, Math.Sqrt(v.Sum(r => (r[0] - m) * (r[0] - m)) / (v.Length - 1)));
        }
        var (m1, sd1) = MeanStd(x);
        var (m2, sd2) = MeanStd(y);
        AssertRelative((m1 - m2) * (m1 - m2) + (sd1 - sd2) * (sd1 - sd2), FrechetDistance.Compute(x, y), 1e-9, "1-D FID");
    }

    [TestMethod]
    public void WellConditionedSamples_MatchMathNetGeneralEigenRoute()
    {
        var x = CorrelatedGaussian(500, 20, seed: 11);
        var y = CorrelatedGaussian(400, 20, seed: 12, scale: 0.7);
        AssertRelative(ReferenceFid(x, y), FrechetDistance.Compute(x, y), 1e-7, "FID vs MathNet");
    }

    [TestMethod]
    public void RankDeficientCovariances_MatchMathNetGeneralEigenRoute()
    {
        // 50 samples × 100 dimensions: both covariances have rank ≤ 49; sqrtm-based FIDs need an ε·I fudge here.
        var x = CorrelatedGaussian(50, 100, seed: 21);
        var y = CorrelatedGaussian(50, 100, seed: 22, scale: 1.3, shift: 0.2);
        double fid = FrechetDistance.Compute(x, y);
        Assert.IsTrue(double.IsFinite(fid) && fid > 0, $"FID {fid}");
        AssertRelative(ReferenceFid(x, y), fid, 1e-6, "rank-deficient FID vs MathNet");
    }

    [TestMethod]
    public void OneSingularOnePositiveDefinite_MatchesMathNet()
    {
        // Σ1 has rank ≤ 29 (Cholesky fails), Σ2 is positive definite: the Cholesky of Σ2 is used instead.
        var x = CorrelatedGaussian(30, 40, seed: 23);
        var y = CorrelatedGaussian(400, 40, seed: 24, scale: 0.8);
        AssertRelative(ReferenceFid(x, y), FrechetDistance.Compute(x, y), 1e-6, "mixed-rank FID");
        AssertRelative(ReferenceFid(y, x), FrechetDistance.Compute(y, x), 1e-6, "mixed-rank FID, swapped");
    }

    [TestMethod]
    public void CholeskyAndEigenRoutes_AgreeOnPositiveDefinitePairs()
    {
        var (_, s1) = Moments(CorrelatedGaussian(300, 30, seed: 25));
        var (_, s2) = Moments(CorrelatedGaussian(300, 30, seed: 26, scale: 2));
        using var t1 = torch.tensor(RowMajor(s1), [30, 30]);
        using var t2 = torch.tensor(RowMajor(s2), [30, 30]);
        double cholesky = FrechetDistance.TraceSqrtProduct(t1, t2), eigen = FrechetDistance.TraceSqrtProduct(t1, t2, eigenRouteOnly: true);
        var reference = (s1 * s2).Evd().EigenValues.Sum(l => Math.Sqrt(Math.Max(l.Real, 0)));
        AssertRelative(reference, cholesky, 1e-10, "Cholesky route");
        AssertRelative(reference, eigen, 1e-10, "eigen route");
    }

    [TestMethod]
    public void IdenticalSets_GiveZero_EvenWhenRankDeficient()
    {
        foreach (var x in new[] { CorrelatedGaussian(300, 10, seed: 1), CorrelatedGaussian(30, 60, seed: 2) })
        {
            double fid = FrechetDistance.Compute(x, x);
            double scale = FeatureStatistics.FromFeatures(x).Covariance.Where((_, i) => i % (x[0].Length + 1) == 0).Sum();
            // Round-off eigenvalues ~ε·λmax² of the null space enter through a square root: ~1e-8 of Tr Σ is the floor.
            Assert.IsTrue(Math.Abs(fid) < 1e-7 * scale, $"FID(x, x) = {fid} (trace Σ = {scale})");
        }
    }

    [TestMethod]
    public void TensorAndStatisticsRoutes_AgreeWithArrays()
    {
        var x = CorrelatedGaussian(200, 8, seed: 31);
        var y = CorrelatedGaussian(250, 8, seed: 32, shift: 0.5);
        double fromArrays = FrechetDistance.Compute(x, y);
        using var tx = torch.tensor(x.SelectMany(r => r).ToArray(), [200, 8]);
        using var ty = torch.tensor(y.SelectMany(r => r).ToArray(), [250, 8]);
        AssertRelative(fromArrays, FrechetDistance.Compute(tx, ty), 1e-12, "tensor route");
        AssertRelative(fromArrays, FrechetDistance.Compute(x, FeatureStatistics.FromFeatures(y)), 1e-12, "cached-statistics route");
        // A float64 input is read, not consumed: it stays usable and gives the same value twice.
        using var dx = tx.to(torch.ScalarType.Float64);
        using var dy = ty.to(torch.ScalarType.Float64);
        double first = FrechetDistance.Compute(dx, dy);
        Assert.AreEqual(first, FrechetDistance.Compute(dx, dy));
        AssertRelative(fromArrays, first, 1e-12, "float64 tensor route");
        Assert.AreEqual(200L * 8, dx.numel());
    }

    [TestMethod]
    public void LargeMeanOffset_DoesNotLoseCovarianceAccuracy()
    {
        // Features around 1e4 with unit spread: a float32 one-pass covariance would be off by far more than 1e-6.
        var x = CorrelatedGaussian(300, 6, seed: 41).Select(r => r.Select(v => v + 1e4f).ToArray()).ToArray();
        var y = CorrelatedGaussian(300, 6, seed: 42).Select(r => r.Select(v => v + 1e4f).ToArray()).ToArray();
        AssertRelative(ReferenceFid(x, y), FrechetDistance.Compute(x, y), 1e-6, "offset FID");
    }

    [TestMethod]
    public void MismatchedDimensions_NameBothSets()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => FrechetDistance.Compute(StandardNormal(10, 3, 1), StandardNormal(10, 4, 2)));
        StringAssert.Contains(ex.Message, "features1 has 3");
        StringAssert.Contains(ex.Message, "features2 has 4");
        var stats = FeatureStatistics.FromFeatures(StandardNormal(10, 3, 1));
        var ex2 = Assert.ThrowsExactly<ArgumentException>(() => FrechetDistance.Compute(StandardNormal(10, 5, 2), stats));
        StringAssert.Contains(ex2.Message, "reference has 3");
    }

    [TestMethod]
    public void FewerThanTwoSamples_IsRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => FrechetDistance.Compute(StandardNormal(1, 3, 1), StandardNormal(10, 3, 2)));
        StringAssert.Contains(ex.Message, "features1 has 1 sample");
        Assert.AreEqual("features1", ex.ParamName);
        using var t = torch.zeros(1, 3);
        using var u = torch.zeros(5, 3);
        var ex2 = Assert.ThrowsExactly<ArgumentException>(() => FrechetDistance.Compute(u, t));
        Assert.AreEqual("features2", ex2.ParamName);
    }

    [TestMethod]
    public void NaNFeatures_NameTheEntry()
    {
        var x = StandardNormal(10, 3, 1);
        x[4][2] = float.NaN;
        var ex = Assert.ThrowsExactly<ArgumentException>(() => FrechetDistance.Compute(StandardNormal(10, 3, 2), x));
        StringAssert.Contains(ex.Message, "features2[4][2] is NaN");
        using var t = torch.zeros(6, 3);
        t[2, 1] = torch.tensor(float.PositiveInfinity);
        using var u = torch.zeros(6, 3);
        var ex2 = Assert.ThrowsExactly<ArgumentException>(() => FrechetDistance.Compute(t, u));
        StringAssert.Contains(ex2.Message, "features1[2, 1]");
    }

    [TestMethod]
    public void RaggedRows_AreRejected()
    {
        var x = StandardNormal(5, 3, 1);
        x[3] = [1f, 2f];
        var ex = Assert.ThrowsExactly<ArgumentException>(() => FeatureStatistics.FromFeatures(x));
        StringAssert.Contains(ex.Message, "features[3] has 2 values");
    }
}
