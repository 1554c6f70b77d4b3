using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation;

/// <summary>
/// Mode-coverage metrics for samples from a Gaussian-mixture target (the ring / grid experiments of the
/// Unrolled-GAN, VEEGAN and PacGAN papers).
/// </summary>
/// <remarks>
/// Each sample is assigned to its nearest mode mean (Euclidean). It is <b>high quality</b> when that
/// distance is at most k·σ (k = <see cref="DefaultStdMultiplier"/> = 3, the papers' rule; in d dimensions
/// a true sample lands inside the 3σ ball with probability P(χ²_d ≤ 9): 98.9 % for d = 2).
/// A mode is <b>covered</b> when its high-quality count reaches max(1, ⌈f · N · w_i⌉), N the number of
/// samples, w_i the mode's weight and f = <see cref="DefaultCoverageFraction"/> = 1 % of the count a
/// perfect generator would put there; f = 0 gives the papers' "at least one high-quality sample" rule,
/// which a single stray sample satisfies, hence our non-zero default.
/// <see cref="ModeKlFromUniform"/> is KL(p̂ ‖ uniform) = Σ p̂_i log(K p̂_i) of the high-quality mode
/// histogram p̂ over the K modes (0 when every mode gets the same share, log K when one mode takes all).
/// </remarks>
public sealed class MixtureMetrics
{
    /// <summary>k of the default k·σ high-quality radius (the papers' 3).</summary>
    public const double DefaultStdMultiplier = 3.0;
    /// <summary>Default share of a perfect generator's count that makes a mode covered (1 %).</summary>
    public const double DefaultCoverageFraction = 0.01;

    private MixtureMetrics(int modesCovered, int modeCount, int sampleCount, int[] highQualityCounts, double? kl)
    {
        ModesCovered = modesCovered;
        ModeCount = modeCount;
        SampleCount = sampleCount;
        _highQualityCounts = highQualityCounts;
        ModeKlFromUniform = kl;
    }

    private readonly int[] _highQualityCounts;

    /// <summary>Modes whose high-quality count reaches the coverage threshold.</summary>
    public int ModesCovered { get; }
    /// <summary>Modes of the target.</summary>
    public int ModeCount { get; }
    /// <summary>Samples assessed.</summary>
    public int SampleCount { get; }
    /// <summary>High-quality samples assigned to each mode (target order).</summary>
    public IReadOnlyList<int> HighQualityCounts => _highQualityCounts;
    /// <summary>Fraction of samples within k·σ of their nearest mode.</summary>
    public double HighQualityRate => (double)_highQualityCounts.Sum() / SampleCount;
    /// <summary>KL(high-quality mode histogram ‖ uniform); null when there is no high-quality sample.</summary>
    public double? ModeKlFromUniform { get; }

    /// <summary>Computes the metrics of <paramref name="samples"/> (rows of the target's dimension).</summary>
    public static MixtureMetrics Compute(float[][] samples, GaussianMixture target,
        double stdMultiplier = DefaultStdMultiplier, double coverageFraction = DefaultCoverageFraction)
    {
        Guard.NotNull(target, nameof(target));
        Guard.Positive(stdMultiplier, nameof(stdMultiplier));
        Guard.InRange(coverageFraction, 0, 1, nameof(coverageFraction));
        var (flat, n, d) = FeatureChecks.Flatten(samples, nameof(samples), minRows: 1);
        if (d != target.Dimension)
            throw new ArgumentException($"samples have {d} features per row but the target mixture is {target.Dimension}-dimensional.", nameof(samples));

        int k = target.Modes;
        var means = target.Means;
        double radius2 = stdMultiplier * target.Std * stdMultiplier * target.Std;
        var counts = new int[k];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestDistance2 = double.PositiveInfinity;
            for (int mode = 0; mode < k; mode++)
            {
                double distance2 = 0;
                for (int j = 0; j < d; j++)
                {
                    double diff = flat[(long)i * d + j] - means[mode][j];
                    distance2 += diff * diff;
                }
                if (distance2 < bestDistance2) (best, bestDistance2) = (mode, distance2);
            }
            if (bestDistance2 <= radius2) counts[best]++;
        }

        int covered = 0;
        for (int mode = 0; mode < k; mode++)
        {
            double threshold = Math.Max(1, Math.Ceiling(coverageFraction * n * target.Weights[mode]));
            if (counts[mode] >= threshold) covered++;
        }

        int total = counts.Sum();
        double? kl = null;
        if (total > 0)
        {
            double sum = 0;
            foreach (int c in counts)
                if (c > 0)
                {
                    double p = (double)c / total;
                    sum += p * Math.Log(k * p);
                }
            kl = sum;
        }
        return new MixtureMetrics(covered, k, n, counts, kl);
    }
}
