using MlGan.Trainers.Augmentation;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Augmentation.AugmentationChecks;

namespace MlGan.Trainers.Tests.Augmentation;

/// <summary>cutout: exactly one square of side round(½·size), centred uniformly (clipped at the border), zeroed in every channel.</summary>
[TestClass]
public sealed class CutoutAugmentationTests
{
    [TestMethod]
    [DataRow(16, 8), DataRow(14, 7), DataRow(15, 8), DataRow(32, 16)]
    public void ExactlyTheDrawnSquareIsZeroed(int size, int side)
    {
        Assert.AreEqual((long)side, CutoutAugmentation.Side(size));
        const int count = 300, channels = 2;
        const ulong seed = 6;
        // Strictly positive values, so a zero in the output can only be the cut.
        var x = Ramp(count, channels, size, size);
        var y = Values(DiffAugment.Parse("cutout").Apply(x, new torch.Generator(seed)));
        var draws = CutoutAugmentation.Draw(count, size, size, new torch.Generator(seed));
        var source = Values(x);
        // The paper's offsets o ∈ [0, size − 1 + (1 − side mod 2)], first row o − ⌊side/2⌋.
        long lowest = -(side / 2), highest = size - side % 2 - side / 2;
        int whole = 0;
        for (int n = 0; n < count; n++)
        {
            long top = draws.Top[n], left = draws.Left[n];
            Assert.IsTrue(top >= lowest && top <= highest && left >= lowest && left <= highest, $"sample {n}: corner ({top}, {left})");
            var cutRows = new SortedSet<int>();
            var cutCols = new SortedSet<int>();
            int zeros = 0;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                    {
                        long at = (((long)n * channels + c) * size + i) * size + j;
                        bool inSquare = i >= top && i < top + side && j >= left && j < left + side;
                        Assert.AreEqual(inSquare ? 0.0 : source[at], y[at], $"sample {n} ({c}, {i}, {j}), corner ({top}, {left})");
                        if (y[at] == 0) { zeros++; cutRows.Add(i); cutCols.Add(j); }
                    }
            // Independent of the draws: the zeros form one rectangle, the same in every channel, of at most side × side,
            // and at least half the square (rounded up) lies inside along each axis.
            Assert.AreEqual(channels * cutRows.Count * cutCols.Count, zeros, $"sample {n}: the zeros are a rectangle in every channel");
            Assert.AreEqual(cutRows.Count, cutRows.Max - cutRows.Min + 1);
            Assert.AreEqual(cutCols.Count, cutCols.Max - cutCols.Min + 1);
            Assert.IsTrue(cutRows.Count <= side && cutCols.Count <= side && cutRows.Count >= (side + 1) / 2 && cutCols.Count >= (side + 1) / 2);
            if (cutRows.Count == side && cutCols.Count == side) whole++;
        }
        Assert.IsGreaterThan(0, whole, "some squares lie wholly inside: side × side zeros");
        Assert.IsLessThan(count, whole, "some squares are clipped at the border");
        Assert.AreEqual(lowest, draws.Top.Concat(draws.Left).Min(), "the centre reaches the first edge");
        Assert.AreEqual(highest, draws.Top.Concat(draws.Left).Max(), "the centre reaches the last edge");
    }
}
