using MlGan.Trainers.Augmentation;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Augmentation.AugmentationChecks;

namespace MlGan.Trainers.Tests.Augmentation;

/// <summary>translation: an exact integer shift with zero fill, of at most round(⅛·size) per axis.</summary>
[TestClass]
public sealed class TranslationAugmentationTests
{
    [TestMethod]
    [DataRow(32L, 4L), DataRow(28L, 4L), DataRow(16L, 2L), DataRow(8L, 1L), DataRow(4L, 1L), DataRow(3L, 0L)]
    public void TheLargestShiftIsAnEighthOfTheSizeRounded(long size, long expected) =>
        // The paper's int(size·0.125 + 0.5).
        Assert.AreEqual(expected, TranslationAugmentation.MaxShift(size));

    [TestMethod]
    [DataRow(16, 16), DataRow(16, 8), DataRow(32, 24)]
    public void EverySampleIsItsSourceShiftedByTheDrawnAmountWithZeros(int height, int width)
    {
        const int count = 64, channels = 2;
        const ulong seed = 3;
        var x = Ramp(count, channels, height, width);
        var y = Values(DiffAugment.Parse("translation").Apply(x, new torch.Generator(seed)));
        var draws = TranslationAugmentation.Draw(count, height, width, new torch.Generator(seed));
        long maxDy = (long)(height / 8.0 + 0.5), maxDx = (long)(width / 8.0 + 0.5);
        var seen = new HashSet<(long, long)>();
        for (int n = 0; n < count; n++)
        {
            long dy = draws.Dy[n], dx = draws.Dx[n];
            Assert.IsTrue(Math.Abs(dy) <= maxDy && Math.Abs(dx) <= maxDx, $"sample {n}: shift ({dy}, {dx}) within ±{maxDy}×±{maxDx}");
            seen.Add((dy, dx));
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < height; i++)
                    for (int j = 0; j < width; j++)
                    {
                        long si = i - dy, sj = j - dx;
                        // Closed form of the ramp: the source's value, or 0 where the source lies outside.
                        double expected = si >= 0 && si < height && sj >= 0 && sj < width
                            ? 1 + (((long)n * channels + c) * height + si) * width + sj : 0;
                        Assert.AreEqual(expected, y[(((long)n * channels + c) * height + i) * width + j], $"sample {n} ({c}, {i}, {j}), shift ({dy}, {dx})");
                    }
        }
        Assert.IsTrue(seen.Any(s => Math.Abs(s.Item1) == maxDy) && seen.Any(s => Math.Abs(s.Item2) == maxDx), "the extreme shifts occur");
        Assert.IsGreaterThan(3, seen.Count, "the shift varies per sample");
    }

    [TestMethod]
    public void TheShiftIsReadableFromTheOutputAlone()
    {
        // Independent of the draws: on a ramp a nonzero value names its source, so the shift is recovered from the output.
        const int count = 32, height = 16, width = 16;
        var x = Ramp(count, 1, height, width);
        var y = Values(DiffAugment.Parse("translation").Apply(x, new torch.Generator(4)));
        var draws = TranslationAugmentation.Draw(count, height, width, new torch.Generator(4));
        for (int n = 0; n < count; n++)
        {
            var shifts = new HashSet<(long, long)>();
            for (int i = 0; i < height; i++)
                for (int j = 0; j < width; j++)
                {
                    double v = y[((long)n * height + i) * width + j];
                    if (v == 0) continue;
                    long source = (long)v - 1 - (long)n * height * width;
                    shifts.Add((i - source / width, j - source % width));
                }
            Assert.HasCount(1, shifts, $"sample {n} is one rigid shift");
            Assert.AreEqual((draws.Dy[n], draws.Dx[n]), shifts.Single());
        }
    }
}
