using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>bCR's default augmentations: flip + zero-filled translation for images, Gaussian noise otherwise.</summary>
[TestClass]
public sealed class ConsistencyAugmentationsTests
{
    /// <summary>Brute force: the (flip, dy, dx) within the allowed range that maps the source image to the output, if any.</summary>
    private static List<(bool Flip, int Dy, int Dx)> Explanations(double[] source, double[] output, int channels, int height, int width)
    {
        var found = new List<(bool, int, int)>();
        int maxDy = height / 8, maxDx = width / 8;
        foreach (bool flip in new[] { false, true })
            for (int dy = -maxDy; dy <= maxDy; dy++)
                for (int dx = -maxDx; dx <= maxDx; dx++)
                {
                    bool match = true;
                    for (int c = 0; c < channels && match; c++)
                        for (int i = 0; i < height && match; i++)
                            for (int j = 0; j < width && match; j++)
                            {
                                int si = i + dy, sj = j + dx;
                                if (flip && sj >= 0 && sj < width) sj = width - 1 - sj;
                                double expected = si >= 0 && si < height && j + dx >= 0 && j + dx < width
                                    ? source[(c * height + si) * width + sj] : 0.0;
                                match = expected == output[(c * height + i) * width + j];
                            }
                    if (match) found.Add((flip, dy, dx));
                }
        return found;
    }

    [TestMethod]
    [DataRow(16, 16), DataRow(16, 8), DataRow(4, 4)]
    public void EveryImageIsAFlipAndAShiftOfAtMostAnEighthWithZeroFill(int height, int width)
    {
        const int count = 24, channels = 2;
        // Strictly positive values, so a zero in the output can only be fill.
        var images = rand(new long[] { count, channels, height, width }, dtype: ScalarType.Float64, generator: new torch.Generator(1)) + 0.5;
        var output = ConsistencyAugmentations.FlipAndTranslate(images, new torch.Generator(2));
        CollectionAssert.AreEqual(images.shape, output.shape);
        double[] x = Values(images), y = Values(output);
        int size = channels * height * width;
        var chosen = new List<(bool Flip, int Dy, int Dx)>();
        for (int n = 0; n < count; n++)
        {
            var explanations = Explanations(Row(x, n, size), Row(y, n, size), channels, height, width);
            Assert.HasCount(1, explanations, $"image {n}: exactly one flip/shift within ±{height / 8}×±{width / 8} must explain it");
            chosen.Add(explanations[0]);
        }
        Assert.IsTrue(chosen.Any(t => t.Flip) && chosen.Any(t => !t.Flip), "both flip states occur");
        if (height >= 8) Assert.IsTrue(chosen.Select(t => (t.Dy, t.Dx)).Distinct().Count() > 1, "the shift varies per image");
    }

    [TestMethod]
    public void GaussianNoiseHasTheRequestedSpread()
    {
        const int n = 20000;
        var x = full(new long[] { n, 2 }, 3.0, dtype: ScalarType.Float64);
        double[] noise = Values(ConsistencyAugmentations.GaussianNoise(x, 0.3, new torch.Generator(4)) - 3.0);
        double mean = noise.Average();
        double std = Math.Sqrt(noise.Sum(v => (v - mean) * (v - mean)) / (noise.Length - 1));
        Assert.AreEqual(0.0, mean, 4 * 0.3 / Math.Sqrt(noise.Length));
        Assert.AreEqual(0.3, std, 0.3 * 4 / Math.Sqrt(2.0 * noise.Length));
    }

    [TestMethod]
    public void DefaultPicksTheAugmentationByRank()
    {
        var augment = ConsistencyAugmentations.Default(0.2);
        var images = randn(new long[] { 3, 1, 16, 16 }, generator: new torch.Generator(1));
        Assert.IsTrue(augment(images, new torch.Generator(5)).eq(ConsistencyAugmentations.FlipAndTranslate(images, new torch.Generator(5))).all().item<bool>());
        var vectors = randn(new long[] { 3, 4 }, generator: new torch.Generator(1));
        Assert.IsTrue(augment(vectors, new torch.Generator(5)).eq(ConsistencyAugmentations.GaussianNoise(vectors, 0.2, new torch.Generator(5))).all().item<bool>());
    }

    [TestMethod]
    public void OutputsAreOutsideAnyGraph()
    {
        var images = randn(new long[] { 2, 1, 8, 8 }).requires_grad_(true);
        Assert.IsFalse(ConsistencyAugmentations.FlipAndTranslate(images, new torch.Generator(1)).requires_grad);
        Assert.IsFalse(ConsistencyAugmentations.GaussianNoise(images, 0.1, new torch.Generator(1)).requires_grad);
    }

    [TestMethod]
    public void RejectsBadArguments()
    {
        Assert.AreEqual("images", Assert.ThrowsExactly<ArgumentException>(() => ConsistencyAugmentations.FlipAndTranslate(randn(2, 3), new torch.Generator(1))).ParamName);
        Assert.AreEqual("std", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConsistencyAugmentations.GaussianNoise(randn(2, 3), -1, new torch.Generator(1))).ParamName);
        Assert.AreEqual("noiseStd", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConsistencyAugmentations.Default(0)).ParamName);
    }
}
