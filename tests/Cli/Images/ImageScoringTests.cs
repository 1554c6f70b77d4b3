using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Evaluation;

namespace MlGan.Cli.Tests.Images;

/// <summary>
/// `mlgan stats` / `mlgan score` on folders and zips of images, checked against NumPy on PIL's own pixels; shards,
/// merge, provenance, PRDC keys, and the bad-input contract (one line on stderr, exit 2, nothing written).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ImageScoringTests
{
    private static string _dir = "";
    private static string _a = "", _b = "", _tiny = "", _tiny2 = "";

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mlgan-images-{Guid.NewGuid():N}")).FullName;
        (_a, _b) = (Path.Combine(_dir, "a"), Path.Combine(_dir, "b"));
        // 60 + 50 images of 4×3 pixels in PNG (RGB, L, RGBA, P) and BMP, nested, with different colour statistics.
        DebianPython.Snippet("""
            import sys, os, numpy as np
            from PIL import Image
            rng = np.random.default_rng(5)
            for name, n, shift in (("a", 60, 0), ("b", 50, 40)):
                for i in range(n):
                    sub = os.path.join(sys.argv[1], name, f"g{i % 2}")
                    os.makedirs(sub, exist_ok=True)
                    px = np.clip(rng.normal(120 + shift, 50, (3, 4, 3)), 0, 255).astype(np.uint8)
                    im = Image.fromarray(px, "RGB")
                    mode = ["RGB", "L", "RGBA", "P", "RGB"][i % 5]
                    im = im.convert(mode) if mode != "P" else im.convert("P", palette=Image.ADAPTIVE, colors=16)
                    im.save(os.path.join(sub, f"im{i:03d}." + ("bmp" if i % 5 == 4 else "png")))
            """, _dir);
        _tiny = Path.Combine(_dir, "tiny.onnx");
        _tiny2 = Path.Combine(_dir, "tiny2.onnx");
        DebianPython.Run([RepoFiles.Path("tests", "tools", "tiny_feature_net.py"), "--out", _tiny, "--seed", "1"]);
        DebianPython.Run([RepoFiles.Path("tests", "tools", "tiny_feature_net.py"), "--out", _tiny2, "--seed", "2"]);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static string Temp(string name) => Path.Combine(_dir, name);

    [TestMethod]
    public void Stats_OfAnImageFolder_EqualNumpyOnPilsPixels_AndNumpyReadsTheNpz()
    {
        string npz = Temp("a-identity.npz");
        var (code, _, error) = CliRunner.Run("stats", "--data", _a, "--features", "identity", "--format", "npz", "--out", npz, "--quiet");
        Assert.AreEqual(0, code, error);
        string verdict = DebianPython.Snippet("""
            import sys, os, numpy as np
            from PIL import Image
            root, npz = sys.argv[1], sys.argv[2]
            files = sorted(os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/") for d, _, fs in os.walk(root) for f in fs)
            # MlGan's features are float32 (byte / 255 rounded once), moments float64: the same here.
            x = np.stack([(np.asarray(Image.open(os.path.join(root, f)).convert("RGB"), np.float64).transpose(2, 0, 1).ravel() / 255).astype(np.float32) for f in files]).astype(np.float64)
            s = np.load(npz)
            print(len(files), np.abs(s["mu"] - x.mean(0)).max(), np.abs(s["sigma"] - np.cov(x, rowvar=False)).max())
            """, _a, npz);
        var parts = verdict.Trim().Split(' ');
        Assert.AreEqual("60", parts[0]);
        Assert.IsTrue(double.Parse(parts[1], CultureInfo.InvariantCulture) < 1e-12, verdict);
        Assert.IsTrue(double.Parse(parts[2], CultureInfo.InvariantCulture) < 1e-12, verdict);
    }

    [TestMethod]
    public void Zip_OfTheSameImages_GivesTheSameStatistics()
    {
        string zip = Temp("a.zip");
        if (!File.Exists(zip)) System.IO.Compression.ZipFile.CreateFromDirectory(_a, zip);
        string fromDir = Temp("dir.stats"), fromZip = Temp("zip.stats");
        Assert.AreEqual(0, CliRunner.Run("stats", "--data", _a, "--features", "identity", "--out", fromDir, "--quiet").Code);
        var (code, _, error) = CliRunner.Run("stats", "--data", zip, "--features", "identity", "--out", fromZip, "--quiet");
        Assert.AreEqual(0, code, error);
        var (x, y) = (FeatureStatistics.Load(fromDir), FeatureStatistics.Load(fromZip));
        Assert.AreEqual(x.Count, y.Count);
        CollectionAssert.AreEqual(x.Mean, y.Mean);
        CollectionAssert.AreEqual(x.Covariance, y.Covariance);
    }

    [TestMethod]
    public void Shards_MergedByStatsMerge_EqualOnePass()
    {
        string one = Temp("one.stats");
        Assert.AreEqual(0, CliRunner.Run("stats", "--data", _a, "--features", _tiny, "--out", one, "--quiet").Code);
        var parts = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string part = Temp($"part-{i}.stats");
            var (code, output, error) = CliRunner.Run("stats", "--data", _a, "--features", _tiny, "--shard", $"{i}/3", "--out", part, "--quiet");
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "20 samples");
            parts.Add(part);
        }
        string merged = Temp("merged.stats");
        var (mergeCode, _, mergeError) = CliRunner.Run(["stats", "merge", .. parts, "--out", merged]);
        Assert.AreEqual(0, mergeCode, mergeError);
        var (a, m) = (FeatureStatistics.Load(one), FeatureStatistics.Load(merged));
        Assert.AreEqual(a.Count, m.Count);
        var (ma, mm, ca, cm) = (a.Mean, m.Mean, a.Covariance, m.Covariance);
        for (int i = 0; i < ma.Length; i++) Assert.AreEqual(ma[i], mm[i], 1e-9 * Math.Abs(ma[i]) + 1e-15);
        double scale = ca.Max(Math.Abs);
        for (int i = 0; i < ca.Length; i++) Assert.AreEqual(ca[i], cm[i], 1e-9 * scale);
        Assert.AreEqual(m.Provenance!.ExtractorSha256, a.Provenance!.ExtractorSha256);
        Assert.IsNull(m.Provenance.Shard);
    }

    [TestMethod]
    public void Score_Json_RecordsProvenance_AndWarnsWhenNIsBelowD()
    {
        string json = Temp("prov.json");
        var (code, _, error) = CliRunner.Run("score", "--real", _a, "--fake", _b, "--features", _tiny, "--metrics", "fid,kid,prdc", "--json", json);
        Assert.AreEqual(0, code, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var key in new[] { "fid", "kid", "kid_std", "precision", "recall", "density", "coverage" })
            Assert.AreEqual(JsonValueKind.Number, root.GetProperty(key).ValueKind, key);
        var fid = root.GetProperty("provenance").GetProperty("fid");
        Assert.AreEqual(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_tiny))).ToLowerInvariant(), fid.GetProperty("extractor_sha256").GetString());
        Assert.AreEqual(60, fid.GetProperty("n_real").GetInt32());
        Assert.AreEqual(50, fid.GetProperty("n_fake").GetInt32());
        Assert.AreEqual(8, fid.GetProperty("feature_dimension").GetInt32());
        StringAssert.Matches(fid.GetProperty("sqrt_route").GetString()!, new System.Text.RegularExpressions.Regex("^(cholesky|eigen)$"));
        Assert.AreEqual(3, root.GetProperty("provenance").GetProperty("precision_recall").GetProperty("k").GetInt32());
        Assert.AreEqual(5, root.GetProperty("provenance").GetProperty("density_coverage").GetProperty("k").GetInt32());
        Assert.AreEqual(0, root.GetProperty("warnings").GetArrayLength(), "N = 50, 60 > d = 8: no small-sample warning");

        // Raw 4×3×3 = 36 pixels with 20 images per side: N < d, the FID is flagged.
        var (small, _, smallError) = CliRunner.Run("score", "--real", _a, "--fake", _b, "--features", "identity", "--count", "20", "--metrics", "fid", "--json", json);
        Assert.AreEqual(0, small, smallError);
        StringAssert.Contains(smallError, "N = 20 < d = 36");
        using var again = JsonDocument.Parse(File.ReadAllText(json));
        Assert.IsTrue(again.RootElement.GetProperty("warnings").GetArrayLength() >= 1);
    }

    [TestMethod]
    public void Statistics_FromAnotherNetOrPreprocessing_AreRefused_UnlessAllowed()
    {
        string stats = Temp("a-tiny-fid.stats");
        var (made, _, madeError) = CliRunner.Run("stats", "--data", _a, "--features", _tiny, "--preprocess", "pytorch-fid", "--out", stats, "--quiet");
        Assert.AreEqual(0, made, madeError);

        var (code, output, error) = CliRunner.Run("score", "--real", stats, "--fake", _b, "--features", _tiny, "--metrics", "fid");
        Assert.AreEqual(2, code, output);
        StringAssert.StartsWith(error, "mlgan score: ");
        StringAssert.Contains(error, "preprocessing");
        StringAssert.Contains(error, "--allow-mismatch");

        (code, _, error) = CliRunner.Run("score", "--real", stats, "--fake", _b, "--features", _tiny2, "--preprocess", "pytorch-fid", "--metrics", "fid");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "SHA-256");

        (code, _, error) = CliRunner.Run("score", "--real", stats, "--fake", _b, "--features", _tiny, "--metrics", "fid", "--allow-mismatch");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(error, "warning");

        (code, _, error) = CliRunner.Run("score", "--real", stats, "--fake", _b, "--features", _tiny, "--preprocess", "pytorch-fid", "--metrics", "fid");
        Assert.AreEqual(0, code, error);
    }

    [TestMethod]
    public void Prdc_Keys_EqualTheLibrarysValues_OnIdentityFeatures()
    {
        var rng = new Random(3);
        float[][] Set(int n, double shift) => Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() + shift)).ToArray()).ToArray();
        var (real, fake) = (Set(120, 0), Set(90, 0.3));
        string pr = Temp("prdc-real.csv"), pf = Temp("prdc-fake.csv"), json = Temp("prdc.json");
        File.WriteAllLines(pr, real.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllLines(pf, fake.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

        var (code, _, error) = CliRunner.Run("score", "--real", pr, "--fake", pf, "--metrics", "prdc", "--pr-k", "4", "--dc-k", "6", "--json", json);

        Assert.AreEqual(0, code, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var p = PrecisionRecall.Compute(real, fake, 4);
        var d = DensityCoverage.Compute(real, fake, 6);
        Assert.AreEqual(p.Precision, doc.RootElement.GetProperty("precision").GetDouble());
        Assert.AreEqual(p.Recall, doc.RootElement.GetProperty("recall").GetDouble());
        Assert.AreEqual(d.Density, doc.RootElement.GetProperty("density").GetDouble());
        Assert.AreEqual(d.Coverage, doc.RootElement.GetProperty("coverage").GetDouble());
    }

    [TestMethod]
    public void BadInputs_PrintOneLine_ExitTwo_AndWriteNothing()
    {
        string bad = Directory.CreateDirectory(Temp("bad")).FullName;
        File.Copy(Directory.EnumerateFiles(_a, "*.png", SearchOption.AllDirectories).First(), Path.Combine(bad, "a-good.png"));
        File.Copy(Directory.EnumerateFiles(_a, "*.png", SearchOption.AllDirectories).Skip(1).First(), Path.Combine(bad, "b-good.png"));
        File.WriteAllBytes(Path.Combine(bad, "c-corrupt.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);
        string empty = Directory.CreateDirectory(Temp("empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "no images here");
        string mixed = Directory.CreateDirectory(Temp("mixed")).FullName;
        File.Copy(Directory.EnumerateFiles(_a, "*.png", SearchOption.AllDirectories).First(), Path.Combine(mixed, "small.png"));
        DebianPython.Snippet("from PIL import Image; import sys; Image.new('RGB', (9, 7), (1, 2, 3)).save(sys.argv[1])", Path.Combine(mixed, "wide.png"));
        string rank2 = Temp("rank2.onnx");
        DebianPython.Run([RepoFiles.Path("tests", "tools", "tiny_feature_net.py"), "--out", rank2, "--rank2-input"]);
        string corruptNpz = Temp("corrupt.npz");
        File.WriteAllBytes(corruptNpz, [.. "PK\u0003\u0004"u8, 9, 9, 9, 9, 9]);
        string good = Temp("tiny-a.stats"), truncated = Temp("truncated.stats");
        Assert.AreEqual(0, CliRunner.Run("stats", "--data", _a, "--features", _tiny, "--out", good, "--quiet").Code);
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..^40]);
        string identityStats = Temp("identity-a.stats");
        Assert.AreEqual(0, CliRunner.Run("stats", "--data", _a, "--features", "identity", "--out", identityStats, "--quiet").Code);

        var cases = new (string[] Args, string Says)[]
        {
            (["stats", "--data", bad, "--features", "identity", "--out", Temp("x1.stats")], "c-corrupt.png"),
            (["stats", "--data", empty, "--out", Temp("x2.stats")], "no images"),
            (["stats", "--data", mixed, "--features", "identity", "--out", Temp("x3.stats")], "wide.png"),
            (["stats", "--data", _a, "--features", rank2, "--out", Temp("x4.stats")], "[N, C, H, W]"),
            (["score", "--real", identityStats, "--fake", _b, "--features", _tiny, "--metrics", "fid", "--json", Temp("x5.json")], "dimension"),
            (["score", "--real", corruptNpz, "--fake", _b, "--features", _tiny, "--metrics", "fid", "--json", Temp("x6.json")], "corrupt.npz"),
            (["score", "--real", truncated, "--fake", _b, "--features", _tiny, "--metrics", "fid", "--json", Temp("x7.json")], "truncated.stats"),
            (["stats", "--data", _a, "--shard", "3/3", "--out", Temp("x8.stats")], "--shard"),
        };
        foreach (var (args, says) in cases)
        {
            var (code, _, error) = CliRunner.Run(args);
            string what = string.Join(' ', args);
            Assert.AreEqual(2, code, $"{what}: {error}");
            Assert.AreEqual(1, error.Trim().Split('\n').Length, $"{what}: one line expected: {error}");
            StringAssert.StartsWith(error, "mlgan " + args[0], what);
            StringAssert.Contains(error, says, what);
            string written = args[Array.IndexOf(args, args.Contains("--out") ? "--out" : "--json") + 1];
            Assert.IsFalse(File.Exists(written), $"{what}: wrote {written}");
        }
        // mixed sizes: both files are named with their shapes
        StringAssert.Contains(CliRunner.Run("stats", "--data", mixed, "--features", "identity", "--out", Temp("x9.stats")).Error, "small.png");

        // --skip-bad: the two good images count, the corrupt one is reported.
        var (skipCode, output, skipError) = CliRunner.Run("stats", "--data", bad, "--features", "identity", "--skip-bad", "--out", Temp("skip.stats"), "--quiet");
        Assert.AreEqual(0, skipCode, skipError);
        StringAssert.Contains(skipError, "skipped 1");
        StringAssert.Contains(output, "2 samples");
    }
}
