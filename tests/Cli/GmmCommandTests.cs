using System.Text.Json;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Trainers.GmmGan;

namespace MlGan.Cli.Tests;

/// <summary>Console is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class GmmCommandTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mlgan-gmm-" + Guid.NewGuid().ToString("N"));

    [TestMethod]
    public void Heatmap_WritesTheLibrarysHeatmapForTheGivenOptions_AndTheJsonSummary()
    {
        string dir = TempDir(), json = Path.Combine(dir, "summary.json");
        try
        {
            var (code, _, error) = CliRunner.Run("gmm", "--heatmap", "--grid", "3", "--repeats", "2", "--steps", "40", "--step-size", "0.2",
                "--unroll", "2", "--seed", "9", "--threads", "1", "--out", dir, "--json", json);
            Assert.AreEqual(0, code, error);
            var expected = GmmHeatmap.Run(new GmmHeatmapOptions { Grid = 3, Repeats = 2, Steps = 40, StepSize = 0.2, UnrollSteps = 2, Seed = 9, MaxDegreeOfParallelism = 1 });
            var csv = new StringWriter();
            expected.WriteCsv(csv);
            Assert.AreEqual(csv.ToString(), File.ReadAllText(Path.Combine(dir, "gmm_heatmap.csv")));
            using var summary = JsonDocument.Parse(File.ReadAllText(json));
            foreach (var layer in expected.Layers)
                Assert.AreEqual(layer.OffDiagonalMeanSuccess, summary.RootElement.GetProperty(GmmHeatmapResult.Name(layer.Kind)).GetDouble());
            Assert.IsTrue(summary.RootElement.TryGetProperty("seconds", out _));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void NoRunChosen_OrAGridBelowTwo_IsOneLineAndExitTwo_AndWritesNothing()
    {
        string dir = TempDir();
        var (code, _, error) = CliRunner.Run("gmm", "--out", dir);
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        Assert.AreEqual("mlgan gmm: Choose --heatmap and/or --figure1.", error.TrimEnd());

        (code, _, error) = CliRunner.Run("gmm", "--heatmap", "--grid", "1", "--out", dir);
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        Assert.AreEqual("mlgan gmm: --grid must be ≥ 2; got 1.", error.TrimEnd());
        Assert.IsFalse(Directory.Exists(dir));
    }
}
