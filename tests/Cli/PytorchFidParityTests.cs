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
        // The 64-d block (pytorch-fid's --dims 64) keeps the test fast with full-rank covariances at 80 images;
        // the whole 2048-d graph with logits is checked on a few images below.
        _net = Path.Combine(_dir, "fid-inception-64.onnx");
        DebianPython.Run([RepoFiles.Path("tools", "export-pytorch-fid-inception.py"), "--out", _net, "--random-seed", Seed.ToString(CultureInfo.InvariantCulture), "--dims", "64", "--no-logits"]);
        string images = RepoFiles.Path("tests", "tools", "make_fid_test_images.py");
        // Folder A: 80 RGB 48×48 images; folder B: 72 images of 40×40, nested, in RGB, grey (L) and RGBA.
        DebianPython.Run([images, "--out", Path.Combine(_dir, "a"), "--count", "80", "--size", "48", "--variant", "a", "--seed", "3"]);
        DebianPython.Run([images, "--out", Path.Combine(_dir, "b"), "--count", "72", "--size", "40", "--variant", "b", "--seed", "4", "--nested", "--mixed-modes"]);
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
    public void FullGraph_2048dFeatures_EqualTorchOnAFewImages_AndExportHasTheDocumentedContract()
    {
        string full = Path.Combine(_dir, "fid-inception-2048.onnx"), few = Path.Combine(_dir, "few");
        DebianPython.Run([RepoFiles.Path("tools", "export-pytorch-fid-inception.py"), "--out", full, "--random-seed", Seed.ToString(CultureInfo.InvariantCulture)]);
        DebianPython.Run([RepoFiles.Path("tests", "tools", "make_fid_test_images.py"), "--out", few, "--count", "3", "--size", "35", "--variant", "b", "--seed", "9", "--mixed-modes"]);
        string contract = DebianPython.Snippet("""
            import sys, onnx
            m = onnx.load(sys.argv[1])
            def dims(v): return [d.dim_value if d.HasField("dim_value") else "?" for d in v.type.tensor_type.shape.dim]
            print(*[f"{v.name}{dims(v)}" for v in list(m.graph.input) + list(m.graph.output)])
            """, full);
        Assert.AreEqual("image['?', 3, 299, 299] features['?', 2048] logits['?', 1008]", contract.Trim());

        string npz = Path.Combine(_dir, "few.npz");
        var (code, _, error) = CliRunner.Run("stats", "--data", few, "--features", full, "--preprocess", "pytorch-fid", "--out", npz, "--quiet");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(error, "N = 3 < d = 2048");
        // The reference's own functions (tests/tools/pytorch_fid_reference.py) on the same files, in PyTorch.
        string verdict = DebianPython.Snippet("""
            import sys, importlib.util, numpy as np
            spec = importlib.util.spec_from_file_location("ref", sys.argv[1]); ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)
            model = ref.fid_inception.build(random_seed=int(sys.argv[3]))
            features, _ = ref.activations(ref.list_images(sys.argv[2]), model, 2048, 50)
            mu = np.load(sys.argv[4])["mu"]
            print(f"{np.abs(mu - features.mean(0)).max() / np.abs(features).max():.3e}")
            """, RepoFiles.Path("tests", "tools", "pytorch_fid_reference.py"), few, Seed.ToString(CultureInfo.InvariantCulture), npz);
        double relative = double.Parse(verdict.Trim(), CultureInfo.InvariantCulture);
        Assert.IsTrue(relative < 1e-4, $"relative max |Δ| of the 2048-d mean vs PyTorch: {verdict}");
    }

    private static double ReadNumber(string path, string key)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty(key).GetDouble();
    }
}
