using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class NearestNeighbourBallsTests
{
    private static Tensor Load(float[][] rows) =>
        torch.tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows[0].Length }).to(ScalarType.Float64);

    [TestMethod]
    public void Radii_MatchBruteForce_ForEveryTileSize()
    {
        var points = TestData.StandardNormal(23, 5, seed: 11);
        using var scope = NewDisposeScope();
        var x = Load(points);
        foreach (int k in new[] { 1, 3, 22 })
        {
            var expected = ManifoldReference.KthNeighbourRadii(points, k);
            foreach (long tile in new long[] { 1, 2, 7, 64, 23 * 23, NearestNeighbourBalls.DefaultTileElements })
            {
                var radii = NearestNeighbourBalls.KthNeighbourSquaredRadii(x, k, tile);
                for (int i = 0; i < points.Length; i++)
                    Assert.AreEqual(expected[i], Math.Sqrt(radii[i]), 1e-12 * (1 + expected[i]), $"k = {k}, tile = {tile}, point {i}");
            }
        }
    }

    [TestMethod]
    public void Radii_OfDuplicatedIntegerPoints_AreExact()
    {
        // Integer coordinates make every distance exact; four copies of (1, 1) are each other's neighbours at 0.
        float[][] points = [[1, 1], [1, 1], [1, 1], [1, 1], [4, 5], [0, 0], [2, 1]];
        using var scope = NewDisposeScope();
        var x = Load(points);
        foreach (long tile in new long[] { 1, 3, 5, 49 })
        {
            CollectionAssert.AreEqual(new double[] { 0, 0, 0, 0, 20, 2, 1 }, NearestNeighbourBalls.KthNeighbourSquaredRadii(x, 1, tile), $"k = 1, tile = {tile}");
            CollectionAssert.AreEqual(new double[] { 0, 0, 0, 0, 25, 2, 1 }, NearestNeighbourBalls.KthNeighbourSquaredRadii(x, 3, tile), $"k = 3, tile = {tile}");
            CollectionAssert.AreEqual(new double[] { 1, 1, 1, 1, 25, 2, 1 }, NearestNeighbourBalls.KthNeighbourSquaredRadii(x, 4, tile), $"k = 4, tile = {tile}");
        }
    }

    [TestMethod]
    public void CountInside_InclusiveAndStrict_OnExactTies()
    {
        // Balls around 0 (r² = 1) and 3 (r² = 4) on a line; queries at the boundaries and inside.
        float[][] centres = [[0], [3]], queries = [[1], [-1], [2], [5], [0.5f], [10]];
        using var scope = NewDisposeScope();
        foreach (long tile in new long[] { 1, 2, 12 })
        {
            var (perQuery, perBall) = NearestNeighbourBalls.CountInside(Load(queries), Load(centres), [1, 4], strict: false, tile);
            CollectionAssert.AreEqual(new long[] { 2, 1, 1, 1, 1, 0 }, perQuery, $"≤, tile = {tile}");
            CollectionAssert.AreEqual(new long[] { 3, 3 }, perBall, $"≤, tile = {tile}");
            (perQuery, perBall) = NearestNeighbourBalls.CountInside(Load(queries), Load(centres), [1, 4], strict: true, tile);
            CollectionAssert.AreEqual(new long[] { 0, 0, 1, 0, 1, 0 }, perQuery, $"<, tile = {tile}");
            CollectionAssert.AreEqual(new long[] { 1, 1 }, perBall, $"<, tile = {tile}");
        }
    }

    [TestMethod]
    public void TileShape_StaysWithinTheBudget_AndUsesIt()
    {
        foreach (var (rows, cols) in new (long, long)[] { (10, 10), (50_000, 50_000), (100, 2_000_000), (2_000_000, 100), (1, 1), (3, 70_000_000) })
            foreach (long budget in new long[] { 1, 7, 1000, NearestNeighbourBalls.DefaultTileElements })
            {
                var (r, c) = NearestNeighbourBalls.TileShape(rows, cols, budget);
                Assert.IsTrue(r >= 1 && r <= rows && c >= 1 && c <= cols, $"{rows}×{cols}, budget {budget}: tile {r}×{c}");
                Assert.IsLessThanOrEqualTo(budget, r * c, $"{rows}×{cols}, budget {budget}: tile {r}×{c}");
                // Not needlessly small: a tile uses at least half of the budget the matrix allows.
                Assert.IsGreaterThanOrEqualTo(Math.Min(budget, rows * cols) / 2, r * c, $"{rows}×{cols}, budget {budget}: tile {r}×{c}");
            }
    }
}
