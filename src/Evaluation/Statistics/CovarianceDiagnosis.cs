using System.Globalization;

namespace MlGan.Evaluation;

/// <summary>
/// Why a covariance Σ cannot be full rank, read off cheaply (no eigen-decomposition of a 2048 × 2048 matrix): Σ is
/// zero (every sample identical), there are too few samples (N ≤ d gives rank ≤ N − 1 &lt; d), or some features never
/// vary (zero diagonal entries). A Fréchet distance against such Σ is still defined but biased, and not comparable
/// with values computed on full-rank statistics.
/// </summary>
public static class CovarianceDiagnosis
{
    /// <summary>A variance at or below this fraction of the largest one counts as zero (rounding of a constant feature).</summary>
    public const double RelativeZero = 1e-12;

    /// <summary>
    /// Null when <paramref name="statistics"/> can have a full-rank covariance; else a clause saying why not, starting
    /// with "covariance", for a warning that names the side. The first reason found: zero Σ, N ≤ d, constant features.
    /// </summary>
    public static string? Describe(FeatureStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return Zero(statistics) ?? FewSamples(statistics) ?? ConstantFeatures(statistics);
    }

    /// <summary>The reasons <see cref="Describe"/> reads from Σ itself (zero Σ, constant features), for a caller that reports N ≤ d its own way.</summary>
    public static string? DegenerateVariances(FeatureStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return Zero(statistics) ?? ConstantFeatures(statistics);
    }

    private static string? Zero(FeatureStatistics s) =>
        LargestVariance(s) == 0 ? Invariant($"covariance is zero: all {(s.HasCount ? Invariant($"{s.Count} samples") : "samples")} are identical") : null;

    private static string? FewSamples(FeatureStatistics s) =>
        s.HasCount && s.Count <= s.Dimension
            ? Invariant($"covariance is rank-deficient: {(s.Count < s.Dimension ? $"N = {s.Count} < d = {s.Dimension}" : $"N = d = {s.Dimension}")} (samples, features) gives rank ≤ N − 1 = {s.Count - 1}")
            : null;

    private static string? ConstantFeatures(FeatureStatistics s)
    {
        int d = s.Dimension;
        var covariance = s.CovarianceArray;
        double floor = RelativeZero * LargestVariance(s);
        int constant = 0;
        for (int i = 0; i < d; i++)
            if (covariance[(long)i * d + i] <= floor) constant++;
        return constant > 0 ? Invariant($"covariance is rank-deficient: {constant} of {d} features are constant (zero variance)") : null;
    }

    private static double LargestVariance(FeatureStatistics s)
    {
        int d = s.Dimension;
        var covariance = s.CovarianceArray;
        double largest = 0;
        for (int i = 0; i < d; i++) largest = Math.Max(largest, covariance[(long)i * d + i]);
        return largest;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
