using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms.Data;
using MlGan.Transforms.Data.Images;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Tests.Data.Images;

/// <summary>ml.Gan().Data.ImageFolder: schema, values against PIL, zip and shards, resizing, laziness, SkipBad.</summary>
[TestClass]
public sealed class ImageFolderDataViewTests
{
    private const int W = PilImageSet.Width, H = PilImageSet.Height;

    private const string WriteImage = """
        import sys
        import numpy as np
        from PIL import Image
        path, ref, w, h = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        Image.fromarray(np.random.default_rng(w * h).integers(0, 256, size=(h, w, 3), dtype=np.uint8), 'RGB').save(path)
        open(ref, 'wb').write(Image.open(path).convert('RGB').tobytes())
        """;

    private const string ZipFolder = """
        import sys, pathlib, zipfile
        root = pathlib.Path(sys.argv[1])
        with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
            for p in sorted(root.rglob('*')):
                if p.is_file(): z.write(p, p.relative_to(root).as_posix())
        """;

    private static PilImageSet _pil = null!;
    private static string _scratch = null!;
    private static string[] _names = null!;

    [ClassInitialize]
    public static void WriteImages(TestContext _)
    {
        _pil = PilImageSet.Create();
        _scratch = Path.Combine(Path.GetTempPath(), $"mlgan-view-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_scratch);
        _names = _pil.Images.Select(i => i.Name).Order(StringComparer.Ordinal).ToArray();
    }

    [ClassCleanup]
    public static void DeleteImages()
    {
        _pil.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private static GanDataCatalog Data => new MLContext(1).Gan().Data;

    private static bool IsLossy(string name) => name.EndsWith(".jpg") || name == "photo.webp";

    /// <summary>PIL's bytes in C×H×W order, scaled as <paramref name="range"/> says (written out from the enum's definition).</summary>
    private static float[] ExpectedChw(byte[] hwc, int channels, PixelRange range)
    {
        var chw = new float[hwc.Length];
        int plane = hwc.Length / channels;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < channels; c++)
                chw[c * plane + p] = range == PixelRange.ZeroToOne ? hwc[p * channels + c] / 255f : hwc[p * channels + c] / 127.5f - 1f;
        return chw;
    }

    private static string NewFolder(string name, params string[] pilImages)
    {
        string dir = Path.Combine(_scratch, name);
        Directory.CreateDirectory(dir);
        foreach (var image in pilImages) File.Copy(_pil.PathOf(image), Path.Combine(dir, image));
        return dir;
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        float max = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.IsLessThanOrEqualTo(tolerance, max, $"{what}: max |Δ| = {max}");
    }

    [TestMethod]
    [DataRow(3, PixelRange.ZeroToOne)]
    [DataRow(3, PixelRange.MinusOneToOne)]
    [DataRow(1, PixelRange.ZeroToOne)]
    [DataRow(1, PixelRange.MinusOneToOne)]
    public void Folder_HasFeaturesAndPathColumns_WithPilsPixelsInChwOrder(int channels, PixelRange range)
    {
        using var view = Data.ImageFolder(_pil.Directory, new ImageFolderOptions { Channels = channels, Range = range });
        Assert.AreEqual(2, view.Schema.Count);
        var features = (VectorDataViewType)view.Schema["Features"].Type;
        Assert.AreEqual(NumberDataViewType.Single, features.ItemType);
        Assert.AreEqual(channels * H * W, features.Size);
        Assert.AreEqual(TextDataViewType.Instance, view.Schema["Path"].Type);
        Assert.AreEqual(_names.Length, view.GetRowCount());
        Assert.IsFalse(view.CanShuffle);
        Assert.AreEqual((channels, H, W), (view.Channels, view.Height, view.Width));

        var paths = view.GetColumn<string>("Path").ToArray();
        CollectionAssert.AreEqual(_names, paths);
        var rows = view.GetColumn<float[]>("Features").ToArray();
        Assert.HasCount(_names.Length, rows);
        var (low, high) = range == PixelRange.ZeroToOne ? (0f, 1f) : (-1f, 1f);
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = ExpectedChw(channels == 3 ? _pil.Rgb(paths[i]) : _pil.Grey(paths[i]), channels, range);
            // Lossy decoders may differ from PIL's by a level or two (none seen with Debian 12's libraries).
            float tolerance = (IsLossy(paths[i]) ? 2.01f : 0f) * (high - low) / 255f + 1e-6f;
            AssertClose(expected, rows[i], tolerance, paths[i]);
            Assert.IsTrue(rows[i].All(v => v >= low && v <= high), paths[i]);
        }
    }

    [TestMethod]
    public void Zip_GivesTheSameRowsAsTheFolder_AndWorksWithMlNetReaders()
    {
        string zip = Path.Combine(_scratch, "pil.zip");
        var (code, output) = PilImageSet.Run(ZipFolder, _pil.Directory, zip);
        Assert.AreEqual(0, code, output);
        using var folder = Data.ImageFolder(_pil.Directory);
        using var zipped = Data.ImageFolder(zip);
        CollectionAssert.AreEqual(folder.GetColumn<string>("Path").ToArray(), zipped.GetColumn<string>("Path").ToArray());
        var a = folder.GetColumn<float[]>("Features").ToArray();
        var b = zipped.GetColumn<float[]>("Features").ToArray();
        for (int i = 0; i < a.Length; i++) CollectionAssert.AreEqual(a[i], b[i]);

        // The readers trainers and evaluators use.
        Assert.AreEqual(3 * H * W, VectorColumn.Validate(zipped.Schema, "Features"));
        CollectionAssert.AreEqual(a.SelectMany(r => r).ToArray(), VectorColumn.ReadAll(zipped, "Features", 3 * H * W));
    }

    [TestMethod]
    public void Shards_RebuildTheFullView()
    {
        using var images = ImageCollection.Open(_pil.Directory);
        using var full = Data.ImageFolder(images);
        var all = full.GetColumn<string>("Path").ToArray();
        var joined = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            using var shard = images.Shard(i, 4);
            using var view = Data.ImageFolder(shard);
            Assert.AreEqual(shard.Count, view.GetRowCount());
            joined.AddRange(view.GetColumn<string>("Path"));
            // Row ids are indices into the full listing, so rows of different shards never share one.
            using var cursor = view.GetRowCursor([]);
            var id = cursor.GetIdGetter();
            DataViewRowId value = default;
            Assert.IsTrue(cursor.MoveNext());
            id(ref value);
            Assert.AreEqual((ulong)shard.Offset, value.Low);
        }
        CollectionAssert.AreEqual(all, joined);
        Assert.AreEqual(_names.Length, images.Count, "a view over a passed-in collection must not dispose it");
        Assert.IsNotEmpty(images.ReadBytes(0));
    }

    [TestMethod]
    public void MixedSizes_NameTwoFiles_UnlessResized_WhichMatchesTorchBilinear()
    {
        string dir = NewFolder("mixed", "rgb.png", "photo.jpg");
        string refPath = Path.Combine(_scratch, "wide.rgb");
        var (code, output) = PilImageSet.Run(WriteImage, Path.Combine(dir, "wide.png"), refPath, "20", "10");
        Assert.AreEqual(0, code, output);

        var e = Assert.ThrowsExactly<ArgumentException>(() => Data.ImageFolder(dir));
        StringAssert.Contains(e.Message, $"photo.jpg' is {W}×{H}");
        StringAssert.Contains(e.Message, "wide.png' is 20×10");

        using var view = Data.ImageFolder(dir, new ImageFolderOptions { Width = 16, Height = 9 });
        Assert.AreEqual(3 * 9 * 16, ((VectorDataViewType)view.Schema["Features"].Type).Size);
        var rows = view.GetColumn<float[]>("Features").ToArray();
        var sources = new[] { (_pil.Rgb("photo.jpg"), H, W), (_pil.Rgb("rgb.png"), H, W), (File.ReadAllBytes(refPath), 10, 20) };
        for (int i = 0; i < 3; i++)
        {
            var (hwc, h, w) = sources[i];
            using var x = tensor(ExpectedChw(hwc, 3, PixelRange.ZeroToOne), [1, 3, h, w]);
            using var resized = F.interpolate(x, size: [9, 16], mode: InterpolationMode.Bilinear, align_corners: false);
            AssertClose(resized.data<float>().ToArray(), rows[i], i == 0 ? 2.01f / 255f : 1e-5f, $"row {i}");
        }
    }

    [TestMethod]
    public void Decoding_IsLazy_AndACorruptImageFailsOnlyWhenItsRowIsRead()
    {
        string dir = NewFolder("lazy", "rgb.png", "grey.png", "rgb.bmp");
        var png = File.ReadAllBytes(_pil.PathOf("rgb.png"));
        File.WriteAllBytes(Path.Combine(dir, "m-cut.png"), png[..(png.Length / 2)]); // header intact, data cut
        using var view = Data.ImageFolder(dir);
        Assert.AreEqual(4, view.GetRowCount());
        Assert.AreEqual(0, view.DecodedCount, "building the view must read headers only");

        CollectionAssert.AreEqual(new[] { "grey.png", "m-cut.png", "rgb.bmp", "rgb.png" }, view.GetColumn<string>("Path").ToArray());
        Assert.AreEqual(0, view.DecodedCount, "a cursor without Features must not decode");

        using var cursor = view.GetRowCursor(view.Schema);
        var features = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
        Assert.IsTrue(cursor.MoveNext());
        Assert.AreEqual(1, view.DecodedCount, "one row, one decode");
        VBuffer<float> value = default;
        features(ref value);
        Assert.AreEqual(3 * H * W, value.Length);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => cursor.MoveNext());
        StringAssert.Contains(e.Message, "m-cut.png'");
    }

    [TestMethod]
    public void SkipBad_LeavesOutUnreadableHeadersAndCorruptData_AndListsThem()
    {
        string dir = NewFolder("bad", "rgb.png", "grey.png", "photo.jpg");
        var png = File.ReadAllBytes(_pil.PathOf("rgb.png"));
        File.WriteAllBytes(Path.Combine(dir, "m-cut.png"), png[..(png.Length / 2)]);
        File.WriteAllText(Path.Combine(dir, "notes.jpg"), "plain text, not a JPEG");

        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Data.ImageFolder(dir)).Message, "notes.jpg'");

        using var view = Data.ImageFolder(dir, new ImageFolderOptions { SkipBad = true });
        Assert.IsNull(view.GetRowCount(), "with SkipBad the count is unknown until every image is decoded");
        Assert.AreEqual(4, view.ScannedCount);
        Assert.AreEqual("notes.jpg", view.Skipped.Single().Name);

        // Every cursor sees the same rows, with or without Features.
        var paths = view.GetColumn<string>("Path").ToArray();
        CollectionAssert.AreEqual(new[] { "grey.png", "photo.jpg", "rgb.png" }, paths);
        var rows = view.GetColumn<float[]>("Features").ToArray();
        Assert.HasCount(3, rows);
        CollectionAssert.AreEqual(ExpectedChw(_pil.Rgb("rgb.png"), 3, PixelRange.ZeroToOne), rows[2]);

        Assert.AreEqual(2, view.SkippedCount);
        CollectionAssert.AreEqual(new[] { "m-cut.png", "notes.jpg" }, view.Skipped.Select(s => s.Name).ToArray());
        Assert.IsTrue(view.Skipped.All(s => s.Reason.Contains(s.Name + "'")), string.Join("; ", view.Skipped));

        // Nothing readable at all is an error, not an empty view.
        string allBad = Path.Combine(_scratch, "all-bad");
        Directory.CreateDirectory(allBad);
        File.WriteAllText(Path.Combine(allBad, "notes.png"), "not a PNG");
        var none = Assert.ThrowsExactly<ArgumentException>(() => Data.ImageFolder(allBad, new ImageFolderOptions { SkipBad = true }));
        StringAssert.Contains(none.Message, "notes.png'");
    }

    [TestMethod]
    public void Cursor_FollowsTheDataViewContract()
    {
        using var view = Data.ImageFolder(_pil.Directory, new ImageFolderOptions { FeaturesColumnName = "Pixels", PathColumnName = "File" });
        Assert.AreEqual("Pixels", view.Schema[0].Name);
        Assert.AreEqual("File", view.Schema[1].Name);
        Assert.HasCount(1, view.GetRowCursorSet(view.Schema, 4));
        using var cursor = view.GetRowCursor([view.Schema["File"]]);
        Assert.IsTrue(cursor.IsColumnActive(view.Schema["File"]));
        Assert.IsFalse(cursor.IsColumnActive(view.Schema["Pixels"]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cursor.GetGetter<VBuffer<float>>(view.Schema["Pixels"]));
        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema["File"]));
        var file = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["File"]);
        ReadOnlyMemory<char> name = default;
        Assert.ThrowsExactly<InvalidOperationException>(() => file(ref name));
        Assert.AreEqual(-1, cursor.Position);
        int n = 0;
        while (cursor.MoveNext())
        {
            Assert.AreEqual(n, cursor.Position);
            file(ref name);
            Assert.AreEqual(_names[n++], name.ToString());
        }
        Assert.AreEqual(_names.Length, n);
        Assert.IsFalse(cursor.MoveNext());
    }

    [TestMethod]
    public void Options_AreValidated()
    {
        string dir = _pil.Directory;
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Data.ImageFolder(dir, new ImageFolderOptions { Channels = 4 }));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Data.ImageFolder(dir, new ImageFolderOptions { Width = 8 })).Message, "Height");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Data.ImageFolder(dir, new ImageFolderOptions { Width = 0, Height = 4 }));
        Assert.ThrowsExactly<ArgumentException>(() => Data.ImageFolder(dir, new ImageFolderOptions { PathColumnName = "Features" }));
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => Data.ImageFolder(Path.Combine(_scratch, "missing")));
    }
}
