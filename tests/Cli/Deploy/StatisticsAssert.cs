using MlGan.Evaluation;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>Compares two feature statistics files as FID sees them: count, mean and covariance.</summary>
internal static class StatisticsAssert
{
    /// <summary>
    /// Same count, and μ and Σ equal to <paramref name="relative"/> of each array's largest magnitude (an
    /// entry-wise relative test would be ill-posed for covariance entries near zero).
    /// </summary>
    public static void AreEqual(string expectedFile, string actualFile, double relative)
    {
        var expected = FeatureStatistics.Load(expectedFile);
        var actual = FeatureStatistics.Load(actualFile);
        Assert.AreEqual(expected.Dimension, actual.Dimension, $"dimension of {actualFile}");
        Assert.AreEqual(expected.Count, actual.Count, $"sample count of {actualFile}");
        Close(expected.Mean, actual.Mean, relative, "mean");
        Close(expected.Covariance, actual.Covariance, relative, "covariance");
    }

    private static void Close(double[] expected, double[] actual, double relative, string what)
    {
        double scale = expected.Max(Math.Abs);
        Assert.IsGreaterThan(0.0, scale, $"the reference {what} is all zeros: the test data proves nothing");
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.IsLessThanOrEqualTo(relative * scale, worst, $"{what}: max |Δ| = {worst:E3} against scale {scale:E3}");
    }
}
