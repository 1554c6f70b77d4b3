using System.Text;
using MlGan.Transforms.Data.Images;

namespace MlGan.Transforms.Tests.Data.Images;

/// <summary>
/// ImageCollection's listing, order, zip access and shards. The files are not decoded here, so each holds its
/// own name as bytes; the expected order and the zip come from Python (pathlib's sorted listing, zipfile).
/// </summary>
[TestClass]
public sealed class ImageCollectionTests
{
    // Ordinal traps: upper case before lower, '-' < '.' < '/', extensions in any case, hidden folders, non-ASCII names.
    private static readonly string[] Files =
    [
        "a.png", "B.png", "a-b.png", "a/b.png", "a/c/deep.jpeg", "Z.JPG", "x.jpeg", "y.Webp", "z.bmp", ".hidden/h.png",
        "ünï.png", "sub/0.png", "sub/10.png", "sub/9.png",
        "notes.txt", "img.png.bak", "anim.gif", "sub/readme.md",
    ];

    private const string ListAndZip = """
        import sys, pathlib, zipfile
        root, archive = pathlib.Path(sys.argv[1]), sys.argv[2]
        with zipfile.ZipFile(archive, 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('folder/', b'')
            for p in sorted(root.rglob('*'), reverse=True):
                if p.is_file(): z.write(p, p.relative_to(root).as_posix())
        names = sorted(p.relative_to(root).as_posix() for p in root.rglob('*')
                       if p.is_file() and p.suffix.lower() in ('.png', '.jpg', '.jpeg', '.bmp', '.webp'))
        sys.stdout.buffer.write('\n'.join(names).encode('utf-8'))
        """;

    private static string _root = null!, _folder = null!, _zip = null!;
    private static string[] _expected = null!;

    [ClassInitialize]
    public static void WriteTree(TestContext _)
    {
        _root = Path.Combine(Path.GetTempPath(), $"mlgan-collection-{Guid.NewGuid():N}");
        _folder = Path.Combine(_root, "tree");
        _zip = Path.Combine(_root, "tree.zip");
        foreach (var f in Files)
        {
            string path = Path.Combine(_folder, f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes("content of " + f));
        }
        var (code, output) = PilImageSet.Run(ListAndZip, _folder, _zip);
        Assert.AreEqual(0, code, output);
        _expected = output.Split('\n');
    }

    [ClassCleanup]
    public static void DeleteTree() => Directory.Delete(_root, recursive: true);

    private static string[] Names(ImageCollection c) => Enumerable.Range(0, c.Count).Select(c.NameOf).ToArray();

    [TestMethod]
    public void Folder_ListsImagesRecursively_InOrdinalOrderOfSlashPaths()
    {
        Assert.HasCount(14, _expected, "Python should see the 14 image files");
        using var images = ImageCollection.Open(_folder);
        CollectionAssert.AreEqual(_expected, Names(images));
        Assert.AreEqual(_folder, images.Source);
        Assert.AreEqual(0, images.Offset);
        for (int i = 0; i < images.Count; i++)
        {
            CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("content of " + _expected[i]), images.ReadBytes(i));
            using var stream = images.OpenRead(i);
            Assert.IsTrue(stream.CanSeek);
            Assert.AreEqual(images.ReadBytes(i).Length, stream.Length);
        }
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => images.NameOf(images.Count));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => images.ReadBytes(-1));
    }

    [TestMethod]
    public void Zip_ListsTheSameImagesWithTheSameBytes()
    {
        using var folder = ImageCollection.Open(_folder);
        using var zip = ImageCollection.Open(_zip);
        Assert.AreEqual(_zip, zip.Source);
        CollectionAssert.AreEqual(_expected, Names(zip));
        for (int i = 0; i < zip.Count; i++) CollectionAssert.AreEqual(folder.ReadBytes(i), zip.ReadBytes(i), zip.NameOf(i));
    }

    [TestMethod]
    public void ZipReads_AreSafeFromManyThreads()
    {
        string dir = Path.Combine(_root, "many"), archive = Path.Combine(_root, "many.zip");
        var rng = new Random(3);
        var contents = new Dictionary<string, byte[]>();
        for (int i = 0; i < 120; i++)
        {
            var bytes = new byte[rng.Next(1, 40_000)];
            rng.NextBytes(bytes);
            Array.Fill(bytes, (byte)i, 0, bytes.Length / 2); // half compressible, so entries really deflate
            string name = $"img{i:D3}.png";
            contents[name] = bytes;
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
        var (code, output) = PilImageSet.Run(ListAndZip, dir, archive);
        Assert.AreEqual(0, code, output);
        using var zip = ImageCollection.Open(archive);
        Assert.AreEqual(120, zip.Count);
        var mismatches = 0;
        Parallel.For(0, zip.Count * 6, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            int i = k % zip.Count;
            if (!zip.ReadBytes(i).AsSpan().SequenceEqual(contents[zip.NameOf(i)])) Interlocked.Increment(ref mismatches);
        });
        Assert.AreEqual(0, mismatches);
    }

    [TestMethod]
    public void Shards_PartitionTheListContiguously_ByTheFloorFormula()
    {
        using var images = ImageCollection.Open(_folder);
        int n = images.Count;
        for (int k = 1; k <= n; k++)
        {
            var joined = new List<string>();
            for (int i = 0; i < k; i++)
            {
                using var shard = images.Shard(i, k);
                int first = i * n / k, end = (i + 1) * n / k;
                Assert.AreEqual(end - first, shard.Count, $"shard {i} of {k}");
                Assert.AreEqual(first, shard.Offset);
                Assert.AreEqual(images.Source, shard.Source);
                joined.AddRange(Names(shard));
            }
            CollectionAssert.AreEqual(_expected, joined, $"{k} shards do not rebuild the list");
        }

        // A shard of a shard partitions the shard, and its offset counts from the full listing.
        using var half = images.Shard(1, 2);
        using var quarter = half.Shard(1, 2);
        Assert.AreEqual(n / 2 + (n - n / 2) / 2, quarter.Offset);
        CollectionAssert.AreEqual(_expected[quarter.Offset..(quarter.Offset + quarter.Count)], Names(quarter));
    }

    [TestMethod]
    public void Shard_RejectsBadArguments_AndEmptyShards()
    {
        using var images = ImageCollection.Open(_folder);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => images.Shard(0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => images.Shard(-1, 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => images.Shard(3, 3));
        // N = 14 < k = 20: shard 0 (⌊0⌋..⌊14/20⌋ = 0..0) is empty, shard 1 (0..1) is not.
        var e = Assert.ThrowsExactly<ArgumentException>(() => images.Shard(0, 20));
        StringAssert.Contains(e.Message, "empty");
        using var one = images.Shard(1, 20);
        Assert.AreEqual(1, one.Count);
    }

    [TestMethod]
    public void ZipShard_OutlivesItsParent_AndDisposeClosesIt()
    {
        var parent = ImageCollection.Open(_zip);
        var shard = parent.Shard(1, 2);
        parent.Dispose();
        parent.Dispose(); // idempotent
        Assert.ThrowsExactly<ObjectDisposedException>(() => parent.ReadBytes(0));
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("content of " + shard.NameOf(0)), shard.ReadBytes(0));
        shard.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => shard.ReadBytes(0));
        Assert.ThrowsExactly<ObjectDisposedException>(() => parent.Shard(0, 2));
    }

    [TestMethod]
    public void Open_NamesWhatIsWrong()
    {
        string missingDir = Path.Combine(_root, "no-such-folder");
        StringAssert.Contains(Assert.ThrowsExactly<DirectoryNotFoundException>(() => ImageCollection.Open(missingDir)).Message, missingDir);
        string missingZip = Path.Combine(_root, "no-such.zip");
        Assert.AreEqual(missingZip, Assert.ThrowsExactly<FileNotFoundException>(() => ImageCollection.Open(missingZip)).FileName);

        string textOnly = Path.Combine(_root, "text-only");
        Directory.CreateDirectory(Path.Combine(textOnly, "inner"));
        File.WriteAllText(Path.Combine(textOnly, "inner", "a.txt"), "x");
        File.WriteAllText(Path.Combine(textOnly, "b.gif"), "x");
        var none = Assert.ThrowsExactly<ArgumentException>(() => ImageCollection.Open(textOnly));
        StringAssert.Contains(none.Message, $"no images (png, jpg, jpeg, bmp, webp) in '{textOnly}'");

        string corrupt = Path.Combine(_root, "corrupt.zip");
        File.WriteAllBytes(corrupt, Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not really a zip archive"));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ImageCollection.Open(corrupt)).Message, corrupt);

        string single = Path.Combine(_folder, "a.png");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ImageCollection.Open(single)).Message, single);
    }
}
