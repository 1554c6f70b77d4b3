using MlGan.Transforms.Onnx;
using System.Globalization;
using System.Text.Json;
using MlGan.Cli.Serving;
using MlGan.Cli.Tests.Serving;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Tests;

/// <summary>`mlgan score` end to end through the parser. Console is process-wide: one test at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ScoreCommandTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"mlgan-score-{Guid.NewGuid():N}"));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void CsvVsCsv_FidAndKid_MatchTheLibraryAndGoToJson()
    {
        var a = Gaussian(300, 3, seed: 1, shift: 0);
        var b = Gaussian(200, 3, seed: 2, shift: 0.5);
        string pa = WriteCsv("a.csv", a), pb = WriteCsv("b.csv", b), json = Path.Combine(_dir, "m.json");

        var (code, stdout, stderr) = Cli("score", "--real", pa, "--fake", "csv:" + pb, "--metrics", "fid,kid", "--seed", "3", "--json", json);

        Assert.AreEqual(0, code, stderr);
        var m = ReadJson(json);
        CollectionAssert.AreEquivalent(new[] { "fid", "kid", "kid_std" }, m.Keys.ToArray());
        Assert.AreEqual(FrechetDistance.Compute(a, b), m["fid"], 1e-9);
        Assert.AreEqual(KernelInceptionDistance.Compute(a, b, seed: 3).Mean, m["kid"], 1e-12);
        StringAssert.Contains(stdout, "fid");
        StringAssert.Contains(stdout, "features: identity"); // 3-d data: raw samples by default
    }

    [TestMethod]
    public void GeneratorOnnx_IsSampledWithItsMetadata_ModesAgainstATarget()
    {
        string gen = Path.Combine(_dir, "gen.onnx");
        File.WriteAllBytes(gen, TestModels.Mlp()); // uniform latent, 2-d tanh output
        string json = Path.Combine(_dir, "m.json");

        var (code, _, stderr) = Cli("score", "--real", "ring8", "--fake", gen, "--metrics", "fid,modes", "--count", "400", "--seed", "5", "--json", json);

        Assert.AreEqual(0, code, stderr);
        var m = ReadJson(json);
        // Reference: the same latents (seed + 1 for the fake side) through ORT, the same ring draw (seed).
        using var reference = new OnnxGeneratorRunner(gen);
        var fake = reference.Generate(reference.SampleLatent(400, 6));
        var ml = new Microsoft.ML.MLContext(5);
        var real = ml.Gan().Data.GaussianRing(count: 400, seed: 5).GetColumn<float[]>("Features").ToArray();
        Assert.AreEqual(FrechetDistance.Compute(real, fake), m["fid"], 1e-9);
        var mixture = MixtureMetrics.Compute(fake, GaussianMixture.Ring(8, Math.Sqrt(2), 0.1));
        Assert.AreEqual(mixture.ModesCovered, m["modes"]);
        Assert.AreEqual(mixture.HighQualityRate, m["hq"], 1e-12);
    }

    [TestMethod]
    public void StatisticsFile_ServesFidOnly()
    {
        var a = Gaussian(100, 4, seed: 1, shift: 0);
        var b = Gaussian(80, 4, seed: 2, shift: 1);
        string pa = WriteCsv("a.csv", a), pb = WriteCsv("b.csv", b), stats = Path.Combine(_dir, "a.stats"), json = Path.Combine(_dir, "m.json");
        Assert.AreEqual(0, Cli("stats", "--data", "csv:" + pa, "--out", stats).Code);

        var (code, _, stderr) = Cli("score", "--real", stats, "--fake", pb, "--metrics", "fid", "--json", json);
        Assert.AreEqual(0, code, stderr);
        Assert.AreEqual(FrechetDistance.Compute(a, b), ReadJson(json)["fid"], 1e-9);

        (code, _, stderr) = Cli("score", "--real", stats, "--fake", pb, "--metrics", "fid,kid");
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        StringAssert.Contains(stderr, "only serves FID");
    }

    [TestMethod]
    public void FashionMnist_DefaultsToTheShippedFeatureNet()
    {
        string json = Path.Combine(_dir, "m.json");
        var (code, stdout, stderr) = Cli("score", "--real", "fashion-mnist:test", "--fake", "fashion-mnist:train", "--count", "200",
            "--metrics", "fid,is,kid", "--json", json);

        Assert.AreEqual(0, code, stderr);
        StringAssert.Contains(stdout, "fashion-mnist-features.onnx");
        var m = ReadJson(json);
        CollectionAssert.AreEquivalent(new[] { "fid", "is", "is_std", "kid", "kid_std" }, m.Keys.ToArray());
        // Reference through the library: the first 200 images of each split, the shipped net.
        using var net = OnnxFeatureExtractor.FashionMnist();
        var test = FashionMnist.Load(null, FashionMnistSplit.Test, PixelRange.MinusOneToOne, 200).Images;
        var train = net.Extract(FashionMnist.Load(null, FashionMnistSplit.Train, PixelRange.MinusOneToOne, 200).Images);
        // The CLI streams batches into running moments: round-off level differences from one pass, which the
        // near-singular 128-d covariances of 200 images amplify in the trace term to ~1e-7 relative.
        double fid = FrechetDistance.Compute(net.ExtractFeatures(test), train.Features);
        Assert.AreEqual(fid, m["fid"], 1e-6 * fid);
        Assert.AreEqual(train.InceptionScore().Mean, m["is"], 1e-9);
        Assert.IsGreaterThan(3.0, m["is"]); // ten well-separated classes
    }

    [TestMethod]
    public void Nnd_MatchesTheLibraryAndGoesToJson()
    {
        var a = Gaussian(200, 2, seed: 1, shift: 0);
        var b = Gaussian(200, 2, seed: 2, shift: 1);
        string pa = WriteCsv("a.csv", a), pb = WriteCsv("b.csv", b), json = Path.Combine(_dir, "m.json");

        var (code, stdout, stderr) = Cli("score", "--real", pa, "--fake", pb, "--metrics", "fid,nnd", "--nnd-steps", "60", "--nnd-width", "32", "--seed", "4", "--json", json);

        Assert.AreEqual(0, code, stderr);
        var m = ReadJson(json);
        CollectionAssert.AreEquivalent(new[] { "fid", "nnd" }, m.Keys.ToArray());
        Assert.AreEqual(NeuralNetDivergence.Compute(a, b, new NeuralNetDivergenceOptions { Steps = 60, Width = 32 }, seed: 4), m["nnd"], 1e-12);
        Assert.IsGreaterThan(0.5, m["nnd"], $"nnd = {m["nnd"]}"); // W1 of a shift by (1, 1) is √2
        StringAssert.Contains(stdout, "nnd");
    }

    [TestMethod]
    public void ValuesAndProvenance_AreTheLibrarysEvaluation()
    {
        var a = Gaussian(120, 3, seed: 1, shift: 0);
        var b = Gaussian(90, 3, seed: 2, shift: 0.4);
        string pa = WriteCsv("a.csv", a), pb = WriteCsv("b.csv", b), json = Path.Combine(_dir, "m.json");

        var (code, _, stderr) = Cli("score", "--real", pa, "--fake", pb, "--metrics", "kid,prdc,fid", "--seed", "3", "--json", json);

        Assert.AreEqual(0, code, stderr);
        var library = GanEvaluator.Evaluate(a, b, new GanEvaluationOptions { Metrics = GanMetricRegistry.Parse("fid,kid,prdc") }, seed: 3);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var values = ReadJson(json);
        CollectionAssert.AreEqual(library.Values.Keys.ToArray(), values.Keys.ToArray()); // same keys, same order
        foreach (var (key, value) in library.Values)
            Assert.AreEqual(value, values[key], key == "fid" ? 1e-9 : 0, key); // FID from streamed moments; the rest from the same rows
        var provenance = doc.RootElement.GetProperty("provenance");
        CollectionAssert.AreEqual(library.Provenance.Keys.ToArray(), provenance.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var (key, expected) in library.Provenance)
        {
            var actual = provenance.GetProperty(key);
            Assert.AreEqual(expected.Extractor, actual.GetProperty("extractor").GetString(), key);
            Assert.AreEqual((expected.RealCount, expected.FakeCount, expected.FeatureDimension),
                (actual.GetProperty("n_real").GetInt32(), actual.GetProperty("n_fake").GetInt32(), actual.GetProperty("feature_dimension").GetInt32()), key);
            Assert.AreEqual(expected.Seed is null ? JsonValueKind.Null : JsonValueKind.Number, actual.GetProperty("seed").ValueKind, key);
            foreach (var (name, parameter) in expected.Parameters.Where(p => p.Value is int))
                Assert.AreEqual(parameter, actual.GetProperty(name).GetInt32(), $"{key}.{name}");
        }
    }

    [TestMethod]
    public void WithoutMetrics_TheRegistryDefaultsTheSourcesAllow_Run()
    {
        string json = Path.Combine(_dir, "m.json");
        var (code, _, stderr) = Cli("score", "--real", "ring8", "--fake", "ring8", "--count", "300", "--json", json);
        Assert.AreEqual(0, code, stderr);
        // A mixture target: fid, kid and the mode metrics; identity features give no class scores, so no IS.
        CollectionAssert.AreEqual(new[] { "fid", "kid", "kid_std", "modes", "mode_count", "hq", "mode_kl" }, ReadJson(json).Keys.ToArray());

        var a = Gaussian(60, 3, seed: 1, shift: 0);
        string pa = WriteCsv("a.csv", a), stats = Path.Combine(_dir, "a.stats");
        Assert.AreEqual(0, Cli("stats", "--data", pa, "--out", stats).Code);
        (code, _, stderr) = Cli("score", "--real", stats, "--fake", pa, "--json", json);
        Assert.AreEqual(0, code, stderr);
        CollectionAssert.AreEqual(new[] { "fid" }, ReadJson(json).Keys.ToArray()); // a statistics file serves FID only
    }

    [TestMethod]
    public void Help_ListsTheRegistrysMetrics()
    {
        var (_, stdout, _) = Cli("score", "--help");
        string help = string.Join(" ", stdout.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)); // undo the wrapping
        foreach (var metric in GanMetricRegistry.All)
            StringAssert.Contains(help, $"{metric.Key}", metric.Key);
        StringAssert.Contains(help, "pr [precision, recall]");
        StringAssert.Contains(help, "prdc = precision_recall + density_coverage");
    }

    [TestMethod]
    public void BadRequests_ExitWithAMessage()
    {
        string pa = WriteCsv("a.csv", Gaussian(10, 2, 1, 0));
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "fid,xyz"], "Unknown metric 'xyz'");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "nnd", "--nnd-critic", "resnet"], "--nnd-critic");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "nnd", "--nnd-critic", "dcgan"], "784");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "nnd", "--nnd-steps", "0"], "--nnd-steps");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "nnd", "--nnd-width", "0"], "--nnd-width");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "is"], "class scores");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "modes"], "Gaussian-mixture target");
        AssertFails(["score", "--real", pa, "--fake", pa, "--metrics", "modes", "--target", "two-moons"], "not a Gaussian-mixture target");
        AssertFails(["score", "--real", "/nonexistent/x.bin", "--fake", pa], "nor a known name");
        AssertFails(["score", "--real", pa, "--fake", pa, "--features", "/nonexistent/net.onnx"], "does not exist");
        AssertFails(["score", "--real", pa, "--fake", pa, "--count", "1"], "--count");
        Assert.AreEqual(CliErrors.UsageOrDataError, Cli("score", "--real", "fashion-mnist:validation", "--fake", pa).Code);
    }

    private void AssertFails(string[] args, string message)
    {
        var (code, _, stderr) = Cli(args);
        Assert.AreEqual(CliErrors.UsageOrDataError, code, $"{string.Join(" ", args)}: {stderr}");
        Assert.AreEqual(1, stderr.Trim().Split('\n').Length, $"one line: {stderr}");
        StringAssert.StartsWith(stderr, "mlgan score: ");
        StringAssert.Contains(stderr, message);
    }

    private static (int Code, string Out, string Error) Cli(params string[] args) => TestSupport.CliRunner.Run(args);

    private string WriteCsv(string name, float[][] rows)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        return path;
    }

    private static Dictionary<string, double> ReadJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        // The metric values; "provenance", "warnings" and "mlgan_version" are not numbers.
        return doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    private static float[][] Gaussian(int n, int d, int seed, double shift)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => (float)(random.Normal() + shift)).ToArray()).ToArray();
    }
}
