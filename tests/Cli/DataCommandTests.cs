using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests;

/// <summary>Console is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class DataCommandTests
{
    [TestMethod]
    public void WritesCountRowsOfTheSeededTarget()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-data-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, _, error) = CliRunner.Run("data", "two-moons", "--count", "7", "--seed", "4", "--out", path);
            Assert.AreEqual(0, code, error);
            var written = File.ReadAllLines(path).Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var expected = SyntheticTargets.ByName(new MLContext(4).Gan().Data, "two-moons", 7).GetColumn<float[]>("Features").ToArray();
            Assert.HasCount(7, written);
            for (int i = 0; i < expected.Length; i++) CollectionAssert.AreEqual(expected[i], written[i], $"row {i}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AnUnknownTargetOrACountBelowOne_IsOneLineAndExitTwo()
    {
        var (code, _, error) = CliRunner.Run("data", "ring9");
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        StringAssert.StartsWith(error, "mlgan data: ");
        StringAssert.Contains(error, "'ring9'");
        StringAssert.Contains(error, "two-moons");
        Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);

        (code, _, error) = CliRunner.Run("data", "ring8", "--count", "0");
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        Assert.AreEqual("mlgan data: --count must be ≥ 1; got 0.", error.TrimEnd());
    }
}
