using System.Globalization;
using System.Text.Json;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests.Inputs;

/// <summary>A zero or rank-deficient covariance is a warning next to the table and in <c>--json</c>; `mlgan stats` warns when it writes one.</summary>
[TestClass]
[DoNotParallelize]
public sealed class DegenerateStatisticsTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init()
    {
        _dir = Directory.CreateTempSubdirectory("mlgan-degenerate-").FullName;
        var r = new Random(5);
        File.WriteAllLines(Path.Combine(_dir, "real.csv"), Enumerable.Range(0, 60).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{r.NextDouble()},{r.NextDouble()},{r.NextDouble()}")));
        File.WriteAllLines(Path.Combine(_dir, "identical.csv"), Enumerable.Repeat("0.25,0.5,0.75", 60));
        File.WriteAllLines(Path.Combine(_dir, "square.csv"), ["0.1,0.9,0.3", "0.7,0.2,0.4", "0.5,0.6,0.8"]);
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Stats_OfIdenticalRows_WarnsAndScoreCarriesTheWarningIntoTheJson()
    {
        string stats = Path.Combine(_dir, "identical.stats"), json = Path.Combine(_dir, "score.json");
        var (code, _, error) = CliRunner.Run("stats", "--data", "csv:" + Path.Combine(_dir, "identical.csv"), "--out", stats, "--quiet");
        Assert.AreEqual(0, code, error);
        StringAssert.StartsWith(error, "mlgan stats: warning: the covariance is zero: all 60 samples are identical");

        (code, var output, error) = CliRunner.Run("score", "--real", Path.Combine(_dir, "real.csv"), "--fake", stats, "--metrics", "fid", "--json", json);
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "fid");
        StringAssert.Contains(error, "mlgan score: warning: FID with generated statistics: the covariance is zero: all 60 samples are identical");
        var warnings = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.IsTrue(warnings.Any(w => w.Contains("covariance is zero", StringComparison.Ordinal)), string.Join("\n", warnings));
    }

    [TestMethod]
    public void Score_WithNEqualToD_WarnsRankDeficient()
    {
        string json = Path.Combine(_dir, "score.json");
        var (code, _, error) = CliRunner.Run("score", "--real", Path.Combine(_dir, "square.csv"), "--fake", Path.Combine(_dir, "real.csv"), "--metrics", "fid", "--json", json);
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(error, "FID with real statistics: the covariance is rank-deficient: N = d = 3 (samples, features)");
        StringAssert.Contains(File.ReadAllText(json), "rank-deficient");
    }
}
