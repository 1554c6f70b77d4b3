using System.Text.Json;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Trainers.GmmGan;

namespace MlGan.Cli.Tests;

/// <summary>`mlgan gmm --objective`: Console is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class GmmObjectiveOptionTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mlgan-gmm-objective-" + Guid.NewGuid().ToString("N"));

    [TestMethod]
    public void Eq12_WritesTheLibrarysEq12Heatmap_AndTheJsonHasTheDiagonal()
    {
        string dir = TempDir(), json = Path.Combine(dir, "summary.json");
        try
        {
            var (code, _, error) = CliRunner.Run("gmm", "--heatmap", "--objective", "eq12", "--grid", "3", "--repeats", "2", "--steps", "40",
                "--seed", "9", "--threads", "1", "--out", dir, "--json", json);
            Assert.AreEqual(0, code, error);
            var options = new GmmHeatmapOptions { Grid = 3, Repeats = 2, Steps = 40, Seed = 9, MaxDegreeOfParallelism = 1 };
            var expected = GmmHeatmap.Run(options with { Objective = GmmGanObjectiveForm.Eq12 });
            var csv = new StringWriter();
            expected.WriteCsv(csv);
            Assert.AreEqual(csv.ToString(), File.ReadAllText(Path.Combine(dir, "gmm_heatmap.csv")));
            var mixture = new StringWriter();
            GmmHeatmap.Run(options).WriteCsv(mixture);
            Assert.AreNotEqual(mixture.ToString(), csv.ToString(), "the objective changes the heatmap");

            using var summary = JsonDocument.Parse(File.ReadAllText(json));
            Assert.AreEqual("eq12", summary.RootElement.GetProperty("objective").GetString());
            foreach (var layer in expected.Layers)
                Assert.AreEqual(layer.DiagonalMeanSuccess, summary.RootElement.GetProperty("diagonal").GetProperty(GmmHeatmapResult.Name(layer.Kind)).GetDouble());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void AnUnknownObjective_IsOneLineAndExitTwo_AndWritesNothing()
    {
        string dir = TempDir();
        var (code, _, error) = CliRunner.Run("gmm", "--heatmap", "--objective", "half", "--out", dir);
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        Assert.AreEqual("mlgan gmm: --objective must be mixture or eq12; got half.", error.TrimEnd());
        Assert.IsFalse(Directory.Exists(dir));
    }
}
