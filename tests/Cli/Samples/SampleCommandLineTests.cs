using MlGan.Cli.Tests.Deploy;
using MlGan.Trainers.GmmGan;

namespace MlGan.Cli.Tests.Samples;

/// <summary>Every sample's command line: its flags, and a bad one is one line on standard error and exit 2.</summary>
[TestClass]
public sealed class SampleCommandLineTests
{
    [TestMethod]
    [DataRow("GmmGan", new[] { "out", "5", "4", "0" }, "GmmGan: <steps> must be ≥ 1; got 0.")]
    [DataRow("GmmGan", new[] { "out", "1" }, "GmmGan: <grid> must be ≥ 2; got 1.")]
    [DataRow("Landscape", new[] { "--steps", "0" }, "Landscape: --steps must be ≥ 1; got 0.")]
    [DataRow("Landscape2Point", new[] { "--x1", "NaN" }, "Landscape2Point: --x1 must be finite; got NaN.")]
    [DataRow("NarrowImbalanced", new[] { "--quick", "--steps", "0" }, "NarrowImbalanced: --steps must be ≥ 1; got 0.")]
    [DataRow("NarrowImbalanced", new[] { "--widths", "16,,32" }, "NarrowImbalanced: The width sweep '16,,32' has an empty entry (check the commas).")]
    [DataRow("Overparameterization", new[] { "--steps", "0" }, "Overparameterization: --steps must be ≥ 1; got 0.")]
    [DataRow("Overparameterization", new[] { "--part", "fig4" }, "Overparameterization: --part 'fig4' is unknown; use fig2, fig9, fig3 or all (comma-separated).")]
    [DataRow("QuickStart", new[] { "--steps", "0" }, "QuickStart: --steps must be ≥ 1; got 0.")]
    [DataRow("QuickStart", new[] { "--decay", "1.5" }, "QuickStart: --decay must be in (0, 1]; got 1.5.")]
    [DataRow("TrainFeatureNet", new[] { "--epochs", "0" }, "TrainFeatureNet: --epochs must be ≥ 1; got 0.")]
    [DataRow("TwoCluster", new[] { "--steps", "0" }, "TwoCluster: --steps must be ≥ 1; got 0.")]
    [DataRow("TwoCluster", new[] { "--momentum", "1" }, "TwoCluster: --momentum must be in [0, 1); got 1.")]
    [DataRow("TwoCluster", new[] { "--widths", "10,40", "--main-width", "20" }, "TwoCluster: --main-width 20 must be one of --widths (10,40).")]
    [DataRow("GmmGan", new[] { "out", "abc" }, "GmmGan: Cannot parse argument 'abc' for command 'GmmGan' as expected type 'System.Int32'.")]
    [DataRow("Landscape", new[] { "--seed", "abc" }, "Landscape: Cannot parse argument 'abc' for option '--seed' as expected type 'System.Int32'.")]
    [DataRow("Landscape2Point", new[] { "--x2", "abc" }, "Landscape2Point: Cannot parse argument 'abc' for option '--x2' as expected type 'System.Double'.")]
    [DataRow("NarrowImbalanced", new[] { "--seeds", "abc" }, "NarrowImbalanced: Cannot parse argument 'abc' for option '--seeds' as expected type 'System.Nullable`1[System.Int32]'.")]
    [DataRow("Overparameterization", new[] { "--seed", "abc" }, "Overparameterization: Cannot parse argument 'abc' for option '--seed' as expected type 'System.Int32'.")]
    [DataRow("QuickStart", new[] { "--seed", "abc" }, "QuickStart: Cannot parse argument 'abc' for option '--seed' as expected type 'System.Int32'.")]
    [DataRow("TrainFeatureNet", new[] { "--seed", "abc" }, "TrainFeatureNet: Cannot parse argument 'abc' for option '--seed' as expected type 'System.Int32'.")]
    [DataRow("TwoCluster", new[] { "--lr", "abc" }, "TwoCluster: Cannot parse argument 'abc' for option '--lr' as expected type 'System.Double'.")]
    [DataRow("GmmGan", new[] { "--bogus" }, "GmmGan: <outDir> must be a directory (this sample takes no options); got --bogus.")]
    [DataRow("Landscape", new[] { "--bogus" }, "Landscape: Unrecognized command or argument '--bogus'.")]
    [DataRow("Landscape2Point", new[] { "--bogus" }, "Landscape2Point: Unrecognized command or argument '--bogus'.")]
    [DataRow("NarrowImbalanced", new[] { "--bogus" }, "NarrowImbalanced: Unrecognized command or argument '--bogus'.")]
    [DataRow("Overparameterization", new[] { "--bogus" }, "Overparameterization: Unrecognized command or argument '--bogus'.")]
    [DataRow("QuickStart", new[] { "--bogus" }, "QuickStart: Unrecognized command or argument '--bogus'.")]
    [DataRow("TrainFeatureNet", new[] { "--bogus" }, "TrainFeatureNet: Unrecognized command or argument '--bogus'.")]
    [DataRow("TwoCluster", new[] { "--bogus" }, "TwoCluster: Unrecognized command or argument '--bogus'.")]
    public void AValueOutOfRange_OfTheWrongType_OrAnUnknownOption_IsOneLineAndExitTwo(string sample, string[] args, string expected)
    {
        var result = SampleProgram.Run(sample, args);
        Assert.AreEqual(CliErrors.UsageOrDataError, result.ExitCode, result.Describe());
        Assert.AreEqual(expected, result.Stderr.TrimEnd(), result.Describe());
        Assert.AreEqual("", result.Stdout, result.Describe());
    }

    /// <summary>The flags each sample took before it moved to System.CommandLine (its README and usage text name them).</summary>
    [TestMethod]
    [DataRow("GmmGan", new[] { "outDir", "grid", "repeats", "steps" })]
    [DataRow("Landscape", new[] { "--inits", "--steps", "--width-d", "--seed", "--out" })]
    [DataRow("Landscape2Point", new[] { "--out", "--x1", "--x2" })]
    [DataRow("NarrowImbalanced", new[] { "--quick", "--out", "--widths", "--seeds", "--steps", "--lr" })]
    [DataRow("Overparameterization", new[] { "--part", "--quick", "--out", "--seed", "--widths", "--moons-widths", "--seeds", "--steps", "--m", "--latent",
        "--batch", "--lr-g", "--lr-d", "--d-iter", "--fig3-widths", "--fig3-steps", "--fig3-seeds", "--fig3-latent", "--fid-samples", "--nnd-steps", "--threads" })]
    [DataRow("QuickStart", new[] { "--steps", "--width-g", "--width-d", "--seed", "--out", "--lr", "--batch", "--optimizer", "--decay", "--d-scale",
        "--damping", "--damping-decay", "--gn-batch", "--eval-size", "--g-scale", "--log-every" })]
    [DataRow("TrainFeatureNet", new[] { "--epochs", "--seed", "--lr", "--out", "--data" })]
    [DataRow("TwoCluster", new[] { "--quick", "--out", "--widths", "--main-width", "--seeds", "--steps", "--lr", "--momentum", "--d-steps", "--g-steps",
        "--hold", "--eval-every", "--threads" })]
    public void Help_ListsEveryFlag_AndExitsZero(string sample, string[] flags)
    {
        var result = SampleProgram.Run(sample, "--help");
        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("", result.Stderr, result.Describe());
        foreach (var flag in flags)
            StringAssert.Contains(result.Stdout, flag.StartsWith('-') ? $"  {flag} " : $"<{flag}>", $"{sample} --help lacks {flag}");
    }

    [TestMethod]
    public void GmmGan_PositionalArguments_SetTheHeatmapItWrites()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-gmmgan-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = SampleProgram.Run("GmmGan", dir, "3", "2", "40");
            Assert.AreEqual(0, result.ExitCode, result.Describe());
            // The sample's heatmap is Figure 3 with seed 7 and the library's other defaults.
            var expected = new StringWriter();
            GmmHeatmap.Run(new GmmHeatmapOptions { Grid = 3, Repeats = 2, Steps = 40, Seed = 7 }).WriteCsv(expected);
            Assert.AreEqual(expected.ToString(), File.ReadAllText(Path.Combine(dir, "heatmap.csv")));
            Assert.IsTrue(new FileInfo(Path.Combine(dir, "heatmaps.png")).Length > 0);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
