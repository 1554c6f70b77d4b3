using MlGan.Transforms.Data.Images;
using SkiaSharp;

namespace MlGan.Transforms.Tests.Data.Images;

[TestClass]
public sealed class ImageGridTests
{
    [TestMethod]
    public void TilesRowMajorWithGuttersAndMapsTheRangeToGreyLevels()
    {
        // 6 grey 2×3 samples in 2 rows: sample s is filled with the value −1 + 0.4·s, so its tile shows round(127.5·(v + 1)).
        var samples = Enumerable.Range(0, 6).Select(s => Enumerable.Repeat(-1f + 0.4f * s, 6).ToArray()).ToArray();
        using var bitmap = SKBitmap.Decode(ImageGrid.EncodePng(samples, [1, 2, 3], rows: 2));
        int g = ImageGrid.Gutter;
        Assert.AreEqual(3 * 3 + 4 * g, bitmap.Width);
        Assert.AreEqual(2 * 2 + 3 * g, bitmap.Height);
        for (int s = 0; s < 6; s++)
        {
            int x = g + s % 3 * (3 + g) + 1, y = g + s / 3 * (2 + g) + 1;
            var pixel = bitmap.GetPixel(x, y);
            byte expected = (byte)Math.Round(127.5 * 0.4 * s, MidpointRounding.AwayFromZero);
            Assert.AreEqual(expected, pixel.Red, 1, $"sample {s}");
            Assert.AreEqual(pixel.Red, pixel.Blue, "grey");
        }
        Assert.AreEqual((byte)0, bitmap.GetPixel(0, 0).Red, "gutter");
    }

    [TestMethod]
    public void BadShapesRowsAndRangesAreRejected()
    {
        var one = new[] { new float[4] };
        Assert.ThrowsExactly<ArgumentException>(() => ImageGrid.EncodePng(one, [2, 2, 1], 1));
        Assert.ThrowsExactly<ArgumentException>(() => ImageGrid.EncodePng(one, [1, 3, 3], 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ImageGrid.EncodePng(one, [1, 2, 2], 2));
        Assert.ThrowsExactly<ArgumentException>(() => ImageGrid.EncodePng(one, [1, 2, 2], 1, low: 1, high: 1));
        Assert.ThrowsExactly<ArgumentException>(() => ImageGrid.EncodePng(Array.Empty<float[]>(), [1, 2, 2], 1));
    }
}
