using MlGan.Transforms.Native;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// Density and coverage of Naeem et al. (2020), which use k-nearest-neighbour balls around the real
/// features only (so outlying generated samples cannot inflate a manifold estimate). With r_i the distance
/// from real feature X_i to its k-th nearest other real feature, N real and M generated features Y_j:
/// density = (1/(k·M)) Σ_j Σ_i 1[d(Y_j, X_i) &lt; r_i] and coverage = (1/N) Σ_i 1[min_j d(X_i, Y_j) &lt; r_i].
/// Ball membership is strict (&lt;), as in the authors' reference code (where precision/recall's is ≤), so a
/// real point with k exact duplicates has a ball of radius 0 that holds nothing. Default k = 5, the authors' choice.
/// </summary>
/// <remarks>
/// Time is O((N + M)·N·d): one tiled radius pass over the real set and one membership pass, float64 matrix
/// products; memory stays at the inputs plus one distance tile of at most 64 MiB (see
/// <see cref="NearestNeighbourBalls"/> for the distance arithmetic).
/// </remarks>
public static class DensityCoverage
{
    /// <summary>The authors' neighbourhood size.</summary>
    public const int DefaultK = 5;

    /// <summary>
    /// Density and coverage of <paramref name="fake"/> against <paramref name="real"/> (rows are feature vectors
    /// of one dimension, finite, each set with more than <paramref name="k"/> rows).
    /// </summary>
    public static DensityCoverageResult Compute(float[][] real, float[][] fake, int k = DefaultK) =>
        Compute(real, fake, k, NearestNeighbourBalls.DefaultTileElements);

    /// <summary>The same with an explicit distance-tile size (tests use tiny tiles to exercise the merging).</summary>
    internal static DensityCoverageResult Compute(float[][] real, float[][] fake, int k, long tileElements)
    {
        TorchNative.EnsureAvailable();
        using var scope = NewDisposeScope();
        var (x, y) = NearestNeighbourBalls.LoadSets(real, fake, k, "density/coverage");
        var realRadii = NearestNeighbourBalls.KthNeighbourSquaredRadii(x, k, tileElements);
        var (realBallsPerFake, fakesPerRealBall) = NearestNeighbourBalls.CountInside(y, x, realRadii, strict: true, tileElements);
        double density = (double)realBallsPerFake.Sum() / ((double)k * realBallsPerFake.Length);
        double coverage = (double)fakesPerRealBall.Count(c => c > 0) / fakesPerRealBall.Length;
        return new DensityCoverageResult(density, coverage);
    }
}
