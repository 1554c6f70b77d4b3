using MlGan.Transforms.Data.Images;

namespace MlGan.Transforms.Tests.Data.Images;

/// <summary>ImageDecoder against PIL's own decoding of files PIL wrote (python3-pil).</summary>
[TestClass]
public sealed class ImageDecoderTests
{
    private static PilImageSet _pil = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void WriteImages(TestContext _) => _pil = PilImageSet.Create();

    [ClassCleanup]
    public static void DeleteImages() => _pil.Dispose();

    private static DecodedImage Decode(string name, int channels) =>
        ImageDecoder.Decode(File.ReadAllBytes(_pil.PathOf(name)), name, channels);

    [TestMethod]
    public void LosslessFormats_EqualPilConvertRgbAndL_Exactly()
    {
        var names = _pil.Lossless.ToArray();
        // PNG in RGB, RGBA, L, LA, P, P + tRNS, gAMA; BMP in RGB, L, P; WebP lossless RGB and RGBA.
        Assert.HasCount(12, names);
        foreach (var name in names)
        {
            var rgb = Decode(name, 3);
            Assert.AreEqual((PilImageSet.Width, PilImageSet.Height, 3), (rgb.Width, rgb.Height, rgb.Channels), name);
            CollectionAssert.AreEqual(_pil.Rgb(name), rgb.Pixels, $"{name}: RGB differs from PIL's convert('RGB')");
            var grey = Decode(name, 1);
            Assert.AreEqual(1, grey.Channels, name);
            CollectionAssert.AreEqual(_pil.Grey(name), grey.Pixels, $"{name}: grey differs from PIL's convert('L')");
        }
    }

    [TestMethod]
    public void AlphaIsDroppedWithoutCompositing()
    {
        // Row 0 of rgba.png is fully transparent: PIL keeps its colour, and so must the decoder (no premultiply).
        var rgb = Decode("rgba.png", 3);
        var row0 = rgb.Pixels.AsSpan(0, PilImageSet.Width * 3).ToArray();
        CollectionAssert.AreEqual(_pil.Rgb("rgba.png")[..row0.Length], row0);
        Assert.IsTrue(row0.Any(v => v != 0), "the transparent row should carry colour (noise), or the check proves nothing");
    }

    [TestMethod]
    public void GammaChunkIsIgnored_NoColourManagement()
    {
        // gamma1.png holds rgb.png's pixels with gAMA = 1.0: a colour-managed decode would brighten them.
        CollectionAssert.AreEqual(Decode("rgb.png", 3).Pixels, Decode("gamma1.png", 3).Pixels);
    }

    [TestMethod]
    public void LossyFormats_AreCloseToPil()
    {
        foreach (var name in new[] { "photo.jpg", "grey.jpg", "photo.webp" })
        {
            foreach (int channels in new[] { 3, 1 })
            {
                var expected = channels == 3 ? _pil.Rgb(name) : _pil.Grey(name);
                var actual = Decode(name, channels).Pixels;
                Assert.HasCount(expected.Length, actual);
                int max = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
                TestContext.WriteLine($"{name} ({channels} channel{(channels == 1 ? "" : "s")}): max |Skia − PIL| = {max}");
                // Both use libjpeg-turbo / libwebp; IDCT and chroma upsampling choices may differ by a level or two.
                Assert.IsLessThanOrEqualTo(2, max, $"{name}: max |Skia − PIL| = {max}");
            }
        }
    }

    [TestMethod]
    public void GreyToRgbReplicates_AndRgbToGreyIsPilsIntegerFormula()
    {
        var grey = Decode("grey.png", 1).Pixels;
        var replicated = Decode("grey.png", 3).Pixels;
        for (int i = 0; i < grey.Length; i++)
            Assert.AreEqual((grey[i], grey[i], grey[i]), (replicated[3 * i], replicated[3 * i + 1], replicated[3 * i + 2]));

        // Closed form on PIL's RGB bytes, independent of the decoder's own grey path.
        var rgb = _pil.Rgb("rgb.png");
        var luma = Enumerable.Range(0, rgb.Length / 3)
            .Select(i => (byte)((rgb[3 * i] * 19595 + rgb[3 * i + 1] * 38470 + rgb[3 * i + 2] * 7471 + 32768) >> 16)).ToArray();
        CollectionAssert.AreEqual(luma, Decode("rgb.png", 1).Pixels);
    }

    [TestMethod]
    public void ReadSize_ReadsTheHeaderOfEveryFormat()
    {
        foreach (var (name, _) in _pil.Images)
        {
            var bytes = File.ReadAllBytes(_pil.PathOf(name));
            Assert.AreEqual((PilImageSet.Width, PilImageSet.Height), ImageDecoder.ReadSize(bytes, name), name);
            using var stream = File.OpenRead(_pil.PathOf(name));
            Assert.AreEqual((PilImageSet.Width, PilImageSet.Height), ImageDecoder.ReadSize(stream, name), name);
            Assert.IsTrue(stream.CanRead, "ReadSize must leave the caller's stream open");
        }
        // Only the header is needed: the first 64 bytes of a PNG (signature + IHDR) suffice.
        var head = File.ReadAllBytes(_pil.PathOf("rgb.png"))[..64];
        Assert.AreEqual((PilImageSet.Width, PilImageSet.Height), ImageDecoder.ReadSize(head, "head.png"));
    }

    [TestMethod]
    [DataRow("rgb.png")]
    [DataRow("photo.jpg")]
    [DataRow("lossless.webp")]
    [DataRow("rgb.bmp")]
    public void TruncatedFile_ThrowsInvalidDataNamingIt(string name)
    {
        var bytes = File.ReadAllBytes(_pil.PathOf(name));
        var truncated = bytes[..(bytes.Length * 2 / 3)];
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ImageDecoder.Decode(truncated, "cut/" + name, 3));
        StringAssert.Contains(e.Message, "'cut/" + name + "'");
    }

    [TestMethod]
    public void CorruptData_ThrowsInvalidDataNamingIt()
    {
        // A PNG whose compressed pixel data (after the IDAT tag) is overwritten: the header still reads.
        var png = File.ReadAllBytes(_pil.PathOf("rgb.png"));
        int idat = png.AsSpan().IndexOf("IDAT"u8);
        Assert.IsGreaterThan(0, idat);
        for (int i = idat + 6; i < idat + 40; i++) png[i] = 0xA5;
        Assert.AreEqual((PilImageSet.Width, PilImageSet.Height), ImageDecoder.ReadSize(png, "broken.png"));
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ImageDecoder.Decode(png, "broken.png", 3));
        StringAssert.Contains(e.Message, "'broken.png'");

        // Not an image at all: the header fails too.
        var text = "plain text, not a JPEG"u8.ToArray();
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ImageDecoder.ReadSize(text, "notes.jpg")).Message, "'notes.jpg'");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ImageDecoder.Decode(text, "notes.jpg", 1)).Message, "'notes.jpg'");
        Assert.ThrowsExactly<InvalidDataException>(() => ImageDecoder.Decode([], "empty.png", 3));
    }

    [TestMethod]
    public void BadChannelCount_IsRejected()
    {
        var bytes = File.ReadAllBytes(_pil.PathOf("rgb.png"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(bytes, "rgb.png", 4));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(bytes, "rgb.png", 0));
    }

    [TestMethod]
    public void ToChw_TransposesHwcAndScalesBy255()
    {
        // 2×3 image, 3 channels: value = 100·c + 10·y + x, so every position is distinguishable.
        int w = 3, h = 2, c = 3;
        var hwc = new byte[w * h * c];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int k = 0; k < c; k++) hwc[(y * w + x) * c + k] = (byte)(100 * k + 10 * y + x);
        var chw = ImageDecoder.ToChw(new DecodedImage(w, h, c, hwc));
        for (int k = 0; k < c; k++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    Assert.AreEqual((100 * k + 10 * y + x) / 255f, chw[k * h * w + y * w + x], 1e-7f);
        Assert.AreEqual(1f, ImageDecoder.ToChw(new DecodedImage(1, 1, 1, [255]))[0]);
        Assert.ThrowsExactly<ArgumentException>(() => ImageDecoder.ToChw(new DecodedImage(2, 2, 3, new byte[11])));
    }
}
