using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// k-nearest-neighbour balls and ball-membership counts for the manifold metrics (<see cref="PrecisionRecall"/>,
/// <see cref="DensityCoverage"/>), computed tile by tile so that no N × M distance matrix is ever held: each
/// tile of at most <see cref="DefaultTileElements"/> float64 distances (64 MiB) is reduced to the running k
/// smallest per row or to running counts before the next one is formed (peak memory: the inputs, one tile and
/// its boolean membership mask).
/// </summary>
/// <remarks>
/// Squared Euclidean distances come from the expansion ‖a‖² + ‖b‖² − 2 aᵀb in float64, clamped at 0. The cross
/// term of a whole tile is one matrix product (BLAS), an order of magnitude faster than summing squared
/// differences pair by pair; float64 keeps its cancellation error near 1e-16·(‖a‖² + ‖b‖²), where float32
/// would lose 1e-7 of it, a visible share of near-neighbour distances for large-norm features such as
/// Inception pool activations. Inputs whose products and sums are exact in float64 (small integers,
/// short binary fractions) give exact distances and so exact ties. The authors' reference code
/// (scikit-learn's <c>euclidean_distances</c>) uses the same expansion. Balls are compared on squared
/// distances and squared radii, which order pairs exactly as the distances do.
/// </remarks>
internal static class NearestNeighbourBalls
{
    /// <summary>float64 entries of one distance tile by default: 8 Mi × 8 bytes = 64 MiB.</summary>
    public const long DefaultTileElements = 8L << 20;

    /// <summary>
    /// Checks and loads the two feature sets of a k-NN ball metric as float64 [n, d] tensors (in the caller's
    /// dispose scope): k ≥ 1, each set has more than k rows, rows share one dimension and are finite.
    /// </summary>
    public static (Tensor Real, Tensor Fake) LoadSets(float[][] real, float[][] fake, int k, string metric)
    {
        Guard.NotNull(real, nameof(real));
        Guard.NotNull(fake, nameof(fake));
        Guard.Positive(k, nameof(k));
        CheckLargerThanK(real, nameof(real), k, metric);
        CheckLargerThanK(fake, nameof(fake), k, metric);
        var (realFlat, n, d1) = FeatureChecks.Flatten(real, nameof(real), minRows: k + 1);
        var (fakeFlat, m, d2) = FeatureChecks.Flatten(fake, nameof(fake), minRows: k + 1);
        FeatureChecks.SameDimension(d1, nameof(real), d2, nameof(fake));
        return (torch.tensor(realFlat, new long[] { n, d1 }).to(ScalarType.Float64),
            torch.tensor(fakeFlat, new long[] { m, d2 }).to(ScalarType.Float64));
    }

    private static void CheckLargerThanK(float[][] rows, string name, int k, string metric)
    {
        if (rows.Length <= k)
            throw new ArgumentException(
                $"{name} has {rows.Length} sample(s); {metric} with k = {k} needs more than k (a ball's radius is the distance to the k-th nearest other sample).",
                name);
    }

    /// <summary>
    /// Squared distance from every row of <paramref name="points"/> [n, d] (float64) to its k-th nearest other
    /// row (n &gt; k): the squared radius of each point's k-NN ball. Duplicates count as neighbours at distance 0.
    /// </summary>
    public static double[] KthNeighbourSquaredRadii(Tensor points, int k, long tileElements = DefaultTileElements)
    {
        long n = points.shape[0];
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {n - 1}] for {n} points; got {k}.");
        using var scope = NewDisposeScope();
        var norms = SquaredNorms(points);
        var (tileRows, tileCols) = TileShape(n, n, tileElements);
        var radii = new double[n];
        for (long r0 = 0; r0 < n; r0 += tileRows)
        {
            using var rowScope = NewDisposeScope();
            long rows = Math.Min(tileRows, n - r0);
            var a = points.narrow(0, r0, rows);
            var aNorms = norms.narrow(0, r0, rows);
            var best = full(rows, k, double.PositiveInfinity, ScalarType.Float64); // running k smallest per row
            for (long c0 = 0; c0 < n; c0 += tileCols)
            {
                using var tileScope = NewDisposeScope();
                long cols = Math.Min(tileCols, n - c0);
                var d2 = SquaredDistances(a, aNorms, points.narrow(0, c0, cols), norms.narrow(0, c0, cols));
                // A point is not its own neighbour: entry (i − r0, i − c0) lies on the diagonal at offset r0 − c0.
                if (r0 < c0 + cols && c0 < r0 + rows) d2.diagonal(r0 - c0).fill_(double.PositiveInfinity);
                var tileBest = d2.topk((int)Math.Min(k, cols), dim: 1, largest: false).values;
                var merged = cat([best, tileBest], 1).topk(k, dim: 1, largest: false).values;
                var previous = best;
                best = merged.MoveToOuterDisposeScope();
                previous.Dispose();
            }
            best.amax([1]).contiguous().data<double>().CopyTo(radii, (int)r0);
        }
        return radii;
    }

    /// <summary>
    /// For query rows [nq, d] and balls (centres [nc, d], squared radii [nc]), all float64: how many balls hold
    /// each query and how many queries each ball holds. A ball holds a query when d² ≤ r² (d² &lt; r² when
    /// <paramref name="strict"/>).
    /// </summary>
    public static (long[] BallsPerQuery, long[] QueriesPerBall) CountInside(
        Tensor queries, Tensor centres, double[] squaredRadii, bool strict, long tileElements = DefaultTileElements)
    {
        long nq = queries.shape[0], nc = centres.shape[0];
        if (squaredRadii.LongLength != nc)
            throw new ArgumentException($"squaredRadii has {squaredRadii.LongLength} entries for {nc} centres.", nameof(squaredRadii));
        using var scope = NewDisposeScope();
        var queryNorms = SquaredNorms(queries);
        var centreNorms = SquaredNorms(centres);
        var radii = torch.tensor(squaredRadii);
        var ballsPerQuery = zeros(nq, ScalarType.Int64);
        var queriesPerBall = zeros(nc, ScalarType.Int64);
        var (tileRows, tileCols) = TileShape(nq, nc, tileElements);
        for (long q0 = 0; q0 < nq; q0 += tileRows)
        {
            long rows = Math.Min(tileRows, nq - q0);
            for (long c0 = 0; c0 < nc; c0 += tileCols)
            {
                using var tileScope = NewDisposeScope();
                long cols = Math.Min(tileCols, nc - c0);
                var d2 = SquaredDistances(queries.narrow(0, q0, rows), queryNorms.narrow(0, q0, rows),
                    centres.narrow(0, c0, cols), centreNorms.narrow(0, c0, cols));
                var r2 = radii.narrow(0, c0, cols).unsqueeze(0);
                var inside = strict ? d2.lt(r2) : d2.le(r2);
                ballsPerQuery.narrow(0, q0, rows).add_(inside.sum(1, keepdim: false));
                queriesPerBall.narrow(0, c0, cols).add_(inside.sum(0, keepdim: false));
            }
        }
        return (ballsPerQuery.data<long>().ToArray(), queriesPerBall.data<long>().ToArray());
    }

    /// <summary>
    /// Rows × columns of a tile of at most <paramref name="tileElements"/> entries: near-square (a matrix product
    /// wants both sides long), widened to the whole other side when one side is short.
    /// </summary>
    internal static (long Rows, long Cols) TileShape(long rows, long cols, long tileElements)
    {
        if (tileElements < 1) throw new ArgumentOutOfRangeException(nameof(tileElements), tileElements, "tileElements must be ≥ 1.");
        long side = Math.Max(1, (long)Math.Sqrt(tileElements));
        long tileCols = Math.Min(cols, Math.Max(1, tileElements / Math.Min(Math.Max(rows, 1), side)));
        long tileRows = Math.Min(rows, Math.Max(1, tileElements / tileCols));
        return (tileRows, tileCols);
    }

    private static Tensor SquaredNorms(Tensor x) => x.square().sum(1, keepdim: false);

    /// <summary>
    /// ‖a_i‖² + ‖b_j‖² − 2 a_iᵀb_j for a tile, clamped at 0 (round-off can make it slightly negative); built in
    /// place on the product so that a tile costs one allocation of its size.
    /// </summary>
    private static Tensor SquaredDistances(Tensor a, Tensor aNorms, Tensor b, Tensor bNorms) =>
        a.matmul(b.t()).mul_(-2).add_(aNorms.unsqueeze(1)).add_(bNorms.unsqueeze(0)).clamp_min_(0);
}
