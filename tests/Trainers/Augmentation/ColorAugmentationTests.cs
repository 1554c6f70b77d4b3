using MlGan.Trainers.Augmentation;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Augmentation.AugmentationChecks;

namespace MlGan.Trainers.Tests.Augmentation;

/// <summary>color: brightness, saturation and contrast, checked against a hand computation with the same draws.</summary>
[TestClass]
public sealed class ColorAugmentationTests
{
    [TestMethod]
    public void TheDrawsLieInThePapersRanges()
    {
        var draws = ColorAugmentation.Draw(2000, new torch.Generator(1));
        Assert.IsTrue(draws.Brightness.All(b => b >= -0.5 && b < 0.5));
        Assert.IsTrue(draws.Saturation.All(s => s >= 0 && s < 2));
        Assert.IsTrue(draws.Contrast.All(k => k >= 0.5 && k < 1.5));
        // Uniform: mean within 4 standard errors of the centre (σ = width/√12).
        Assert.AreEqual(0.0, draws.Brightness.Average(), 4 / Math.Sqrt(12 * 2000.0));
        Assert.AreEqual(1.0, draws.Saturation.Average(), 4 * 2 / Math.Sqrt(12 * 2000.0));
        Assert.AreEqual(1.0, draws.Contrast.Average(), 4 / Math.Sqrt(12 * 2000.0));
    }

    [TestMethod]
    [DataRow(3), DataRow(1)]
    public void TheBrightnessShiftMovesEachSamplesMeanByTheDrawnAmount(int channels)
    {
        const int count = 8;
        var x = Batch(count, channels, 6, 5, 2);
        var y = DiffAugment.Parse("color").Apply(x, new torch.Generator(13));
        var draws = ColorAugmentation.Draw(count, new torch.Generator(13));
        var before = Values(x.mean(new long[] { 1, 2, 3 }));
        var after = Values(y.mean(new long[] { 1, 2, 3 }));
        for (int n = 0; n < count; n++)
            Assert.AreEqual(before[n] + draws.Brightness[n], after[n], 1e-12, $"sample {n}");
    }

    [TestMethod]
    [DataRow(3), DataRow(1)]
    public void TheOutputMatchesAHandComputationWithTheSameDraws(int channels)
    {
        const int count = 5, height = 4, width = 3, pixels = height * width;
        var x = Batch(count, channels, height, width, 7);
        var y = Values(DiffAugment.Parse("color").Apply(x, new torch.Generator(17)));
        var d = ColorAugmentation.Draw(count, new torch.Generator(17));
        var v = Values(x);
        for (int n = 0; n < count; n++)
        {
            // v[c][p] for this sample, transformed step by step in plain double arithmetic.
            var s = new double[channels][];
            for (int c = 0; c < channels; c++)
                s[c] = Enumerable.Range(0, pixels).Select(p => v[(n * channels + c) * pixels + p] + d.Brightness[n]).ToArray();
            if (channels > 1) // one channel: the channel mean is the pixel itself, saturation the identity
                for (int p = 0; p < pixels; p++)
                {
                    double mean = Enumerable.Range(0, channels).Average(c => s[c][p]);
                    for (int c = 0; c < channels; c++) s[c][p] = (s[c][p] - mean) * d.Saturation[n] + mean;
                }
            double sampleMean = s.SelectMany(r => r).Average();
            for (int c = 0; c < channels; c++)
                for (int p = 0; p < pixels; p++)
                {
                    double expected = (s[c][p] - sampleMean) * d.Contrast[n] + sampleMean;
                    Assert.AreEqual(expected, y[(n * channels + c) * pixels + p], 1e-12, $"sample {n} ({c}, {p})");
                }
        }
    }
}
