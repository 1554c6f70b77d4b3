using MlGan.Transforms.Native;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// Improved precision and recall of Kynkäänniemi et al. (2019), which estimate each manifold as the union
/// of k-nearest-neighbour balls around its samples. With r_i the distance from real feature X_i to its k-th
/// nearest other real feature, precision = (1/M) Σ_j 1[∃ i: d(Y_j, X_i) ≤ r_i], the share of the M generated
/// features Y_j inside the real manifold; recall is the same with the roles swapped (balls around the
/// generated features from their own k-NN radii, share of the N real features inside). As in the authors'
/// code, ball membership is inclusive (≤). Default k = 3, the authors' choice.
/// </summary>
/// <remarks>
/// Time is O((N + M)² d): four tiled passes (the two radius passes and the two membership passes) of
/// float64 matrix products; memory stays at the inputs plus one distance tile of at most 64 MiB
/// (see <see cref="NearestNeighbourBalls"/> for the distance arithmetic).
/// </remarks>
public static class PrecisionRecall
{
    /// <summary>The authors' neighbourhood size.</summary>
    public const int DefaultK = 3;

    /// <summary>
    /// Precision and recall of <paramref name="fake"/> against <paramref name="real"/> (rows are feature vectors
    /// of one dimension, finite, each set with more than <paramref name="k"/> rows).
    /// </summary>
    public static PrecisionRecallResult Compute(float[][] real, float[][] fake, int k = DefaultK) =>
        Compute(real, fake, k, NearestNeighbourBalls.DefaultTileElements);

    /// <summary>The same with an explicit distance-tile size (tests use tiny tiles to exercise the merging).</summary>
    internal static PrecisionRecallResult Compute(float[][] real, float[][] fake, int k, long tileElements)
    {
        TorchNative.EnsureAvailable();
        using var scope = NewDisposeScope();
        var (x, y) = NearestNeighbourBalls.LoadSets(real, fake, k, "precision/recall");
        var realRadii = NearestNeighbourBalls.KthNeighbourSquaredRadii(x, k, tileElements);
        var fakeRadii = NearestNeighbourBalls.KthNeighbourSquaredRadii(y, k, tileElements);
        var (realBallsPerFake, _) = NearestNeighbourBalls.CountInside(y, x, realRadii, strict: false, tileElements);
        var (fakeBallsPerReal, _) = NearestNeighbourBalls.CountInside(x, y, fakeRadii, strict: false, tileElements);
        return new PrecisionRecallResult(ShareHeld(realBallsPerFake), ShareHeld(fakeBallsPerReal));
    }

    private static double ShareHeld(long[] ballsPerSample) => (double)ballsPerSample.Count(c => c > 0) / ballsPerSample.Length;
}
