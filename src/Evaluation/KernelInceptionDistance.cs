using MlGan.Transforms;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// Kernel Inception Distance (Bińkowski et al.): the unbiased MMD² estimate with the cubic polynomial
/// kernel k(x, y) = (xᵀy/d + 1)³, averaged over random subsets; mean and population std over subsets.
/// </summary>
/// <remarks>
/// Each subset draws m = min(<c>subsetSize</c>, n1, n2) rows of each set without replacement, as the
/// authors' code does, so small sets still give an estimate. Per subset:
/// MMD² = [Σ_{i≠j} k(x_i,x_j) + Σ_{i≠j} k(y_i,y_j)] / (m(m−1)) − 2 Σ_{i,j} k(x_i,y_j) / m².
/// Subsets come from <see cref="Random"/> seeded with <c>seed</c>: same seed, same value.
/// </remarks>
public static class KernelInceptionDistance
{
    /// <summary>Random subsets averaged over by default (the authors' 100).</summary>
    public const int DefaultSubsets = 100;
    /// <summary>Rows of each set per subset by default (the authors' 1000; capped by the set sizes).</summary>
    public const int DefaultSubsetSize = 1000;

    /// <summary>KID between two feature sets (rows are samples, at least 2 each).</summary>
    public static MetricEstimate Compute(float[][] features1, float[][] features2,
        int subsets = DefaultSubsets, int subsetSize = DefaultSubsetSize, int seed = 0)
    {
        TorchNative.EnsureAvailable();
        var (flat1, n1, d1) = FeatureChecks.Flatten(features1, nameof(features1));
        var (flat2, n2, d2) = FeatureChecks.Flatten(features2, nameof(features2));
        FeatureChecks.SameDimension(d1, nameof(features1), d2, nameof(features2));
        using var scope = NewDisposeScope();
        return ComputeChecked(torch.tensor(flat1, new long[] { n1, d1 }), torch.tensor(flat2, new long[] { n2, d2 }), subsets, subsetSize, seed);
    }

    /// <summary>KID between two feature tensors [n, d] (floating point, any device).</summary>
    public static MetricEstimate Compute(Tensor features1, Tensor features2,
        int subsets = DefaultSubsets, int subsetSize = DefaultSubsetSize, int seed = 0)
    {
        TorchNative.EnsureAvailable();
        FeatureChecks.CheckTensor(features1, nameof(features1));
        FeatureChecks.CheckTensor(features2, nameof(features2));
        FeatureChecks.SameDimension(features1.shape[1], nameof(features1), features2.shape[1], nameof(features2));
        using var scope = NewDisposeScope();
        return ComputeChecked(features1, features2, subsets, subsetSize, seed);
    }

    private static MetricEstimate ComputeChecked(Tensor features1, Tensor features2, int subsets, int subsetSize, int seed)
    {
        Guard.Positive(subsets, nameof(subsets));
        Guard.AtLeast(subsetSize, 2, nameof(subsetSize));
        var x = features1.to(ScalarType.Float64, CPU);
        var y = features2.to(ScalarType.Float64, CPU);
        int n1 = (int)x.shape[0], n2 = (int)y.shape[0];
        int m = Math.Min(subsetSize, Math.Min(n1, n2));
        var random = new Random(seed);
        var values = new double[subsets];
        for (int s = 0; s < subsets; s++)
        {
            using var step = NewDisposeScope();
            var xs = x.index_select(0, torch.tensor(SampleWithoutReplacement(random, n1, m)));
            var ys = y.index_select(0, torch.tensor(SampleWithoutReplacement(random, n2, m)));
            values[s] = UnbiasedMmd2(xs, ys);
        }
        return Summaries.MeanStd(values);
    }

    /// <summary>Unbiased MMD² of two equally sized float64 sets under the cubic polynomial kernel.</summary>
    internal static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        long m = x.shape[0], d = x.shape[1];
        using var one = torch.ones(1, ScalarType.Float64);
        var xd = x / d;
        var yd = y / d;
        // (a bᵀ/d + 1)³ with the 1/d folded into the (small) left factor: one pass over the m × m result less.
        Tensor Kernel(Tensor aOverD, Tensor b) => torch.addmm(one, aOverD, b.t(), beta: 1, alpha: 1).pow_(3);
        var kxx = Kernel(xd, x);
        var kyy = Kernel(yd, y);
        var kxy = Kernel(xd, y);
        double offXX = kxx.sum().item<double>() - kxx.trace().item<double>();
        double offYY = kyy.sum().item<double>() - kyy.trace().item<double>();
        return (offXX + offYY) / (m * (m - 1.0)) - 2 * kxy.sum().item<double>() / ((double)m * m);
    }

    /// <summary>m distinct indices out of [0, n), by a partial Fisher–Yates shuffle.</summary>
    private static long[] SampleWithoutReplacement(Random random, int n, int m)
    {
        var pool = new long[n];
        for (int i = 0; i < n; i++) pool[i] = i;
        for (int i = 0; i < m; i++)
        {
            int j = random.Next(i, n);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..m];
    }
}
