using System.Globalization;
using System.Text.Json;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests;

/// <summary>
/// `mlgan score --preprocess pytorch-fid` against an independent PyTorch reference of pytorch-fid's pipeline
/// (tests/tools/pytorch_fid_reference.py: PIL decode, x/255, F.interpolate bilinear to 299, 2x − 1, the FID-Inception
/// net in PyTorch, np.cov, scipy's sqrtm) on the same two folders of PNGs, with pytorch-fid's FID-Inception architecture
/// at seeded random weights exported to ONNX by tools/export-pytorch-fid-inception.py. The real weights cannot be
/// downloaded here; the pipeline is the same whatever the weights.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PytorchFidParityTests
{
    private const int Seed = 7;
    private static string _dir = "";
    private static string _net = "";

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mlgan-pyfid-{Guid.NewGuid():N}")).FullName;
        _net = Path.Combine(_dir, "fid-inception-64.onnx");
        DebianPython.Run([RepoFiles.Path("tools", "export-pytorch-fid-inception.py"), "--out", _net, "--random-seed", Seed.ToString(CultureInfo.InvariantCulture), "--dims", "64"]);
        // Folder A: 80 RGB 48×48 images; folder B: 72 images of 32×32 in RGB, grey (L) and RGBA, in nested folders.
        DebianPython.Snippet("""
            import sys, os, numpy as np
            from PIL import Image
            root = sys.argv[1]
            rng = np.random.default_rng(11)
            def blob(size, shift):
                y, x = np.mgrid[0:size, 0:size] / size
                base = np.stack([np.sin(6 * x + shift), np.cos(5 * y - shift), x * y], -1) * 90 + 128
                return np.clip(base + rng.normal(0, 40, (size, size, 3)), 0, 255).astype(np.uint8)
            os.makedirs(f"{root}/a", exist_ok=True)
            for i in range(80):
                Image.fromarray(blob(48, rng.uniform(0, 3))).save(f"{root}/a/img{i:03d}.png")
            for i in range(72):
                sub = f"{root}/b/part{i % 3}"
                os.makedirs(sub, exist_ok=True)
                im = Image.fromarray(blob(32, rng.uniform(1, 5)))
                im = im.convert("L") if i % 4 == 1 else im.convert("RGBA") if i % 4 == 2 else im
                im.save(f"{sub}/x{i:03d}.png")
            """, _dir);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [TestMethod]
    public void Fid_OfTwoFolders_EqualsThePytorchReference()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        string json = Path.Combine(_dir, "mlgan.json"), reference = Path.Combine(_dir, "reference.json");
        DebianPython.Run([RepoFiles.Path("tests", "tools", "pytorch_fid_reference.py"), "--real", a, "--fake", b,
            "--random-seed", Seed.ToString(CultureInfo.InvariantCulture), "--dims", "64", "--json", reference]);

        var (code, _, error) = CliRunner.Run("score", "--real", a, "--fake", b, "--features", _net, "--preprocess", "pytorch-fid", "--metrics", "fid", "--json", json);

        Assert.AreEqual(0, code, error);
        double expected = ReadNumber(reference, "fid"), actual = ReadNumber(json, "fid");
        Assert.IsTrue(expected > 1, $"reference FID {expected} is too small to test against");
        Assert.AreEqual(expected, actual, 1e-3 * expected, $"MlGan {actual} vs pytorch-fid pipeline {expected}");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var fid = doc.RootElement.GetProperty("provenance").GetProperty("fid");
        Assert.AreEqual("pytorch-fid", fid.GetProperty("preprocessing").GetString());
        Assert.AreEqual(80, fid.GetProperty("n_real").GetInt32());
        Assert.AreEqual(72, fid.GetProperty("n_fake").GetInt32());
        Assert.AreEqual(64, fid.GetProperty("feature_dimension").GetInt32());
    }

    [TestMethod]
    public void Fid_AgainstPytorchSavedStats_EqualsTheReference_AndMlGanNpzIsReadByNumpy()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        string refStats = Path.Combine(_dir, "a-ref.npz"), json = Path.Combine(_dir, "npz.json"), reference = Path.Combine(_dir, "ref-npz.json");
        DebianPython.Run([RepoFiles.Path("tests", "tools", "pytorch_fid_reference.py"), "--real", a, "--fake", b,
            "--random-seed", Seed.ToString(CultureInfo.InvariantCulture), "--dims", "64", "--save-stats", refStats, "--json", reference]);

        // pytorch-fid's own .npz (no provenance) as the real side: accepted, with a warning that it cannot be checked.
        var (code, _, error) = CliRunner.Run("score", "--real", refStats, "--fake", b, "--features", _net, "--preprocess", "pytorch-fid", "--metrics", "fid", "--json", json);
        Assert.AreEqual(0, code, error);
        double expected = ReadNumber(reference, "fid");
        Assert.AreEqual(expected, ReadNumber(json, "fid"), 1e-3 * expected);
        StringAssert.Contains(error, "no provenance");

        // MlGan's npz of folder A: NumPy reads mu and sigma equal to the reference's (np.cov convention).
        string ours = Path.Combine(_dir, "a-mlgan.npz");
        var (statsCode, _, statsError) = CliRunner.Run("stats", "--data", a, "--features", _net, "--preprocess", "pytorch-fid", "--format", "npz", "--out", ours, "--quiet");
        Assert.AreEqual(0, statsCode, statsError);
        string verdict = DebianPython.Snippet("""
            import sys, numpy as np
            x, y = np.load(sys.argv[1]), np.load(sys.argv[2])
            assert x["mu"].dtype == np.float64 and x["sigma"].dtype == np.float64, (x["mu"].dtype, x["sigma"].dtype)
            assert x["mu"].shape == (64,) and x["sigma"].shape == (64, 64)
            dm = np.abs(x["mu"] - y["mu"]).max() / np.abs(y["mu"]).max()
            ds = np.abs(x["sigma"] - y["sigma"]).max() / np.abs(y["sigma"]).max()
            print(f"{dm:.3e} {ds:.3e}")
            """, ours, refStats);
        var parts = verdict.Trim().Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.IsTrue(parts[0] < 1e-4 && parts[1] < 1e-4, $"relative max |Δ| of mu, sigma vs the reference: {verdict}");
    }

    [TestMethod]
    public void ShippedExportScript_WritesFeaturesAndLogits_OfTheDocumentedShapes()
    {
        string verdict = DebianPython.Snippet("""
            import sys, onnx
            m = onnx.load(sys.argv[1])
            onnx.checker.check_model(m)
            def dims(v): return [d.dim_value if d.HasField("dim_value") else d.dim_param for d in v.type.tensor_type.shape.dim]
            print([(i.name, dims(i)) for i in m.graph.input], [(o.name, dims(o)) for o in m.graph.output])
            """, _net);
        StringAssert.Contains(verdict, "('image', [");
        StringAssert.Contains(verdict, "3, 299, 299])");
        StringAssert.Contains(verdict, "('features', [");
        StringAssert.Contains(verdict, "64])");
        StringAssert.Contains(verdict, "('logits', [");
        StringAssert.Contains(verdict, "1008])");
    }

    private static double ReadNumber(string path, string key)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty(key).GetDouble();
    }
}
