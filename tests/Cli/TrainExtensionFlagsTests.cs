using System.IO.Compression;
using System.Text.Json;
using MlGan.Cli.Tests.Plugins;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests;

/// <summary>`mlgan train` reaches the extension points: separate learning rates, every regulariser, a plugin's loss.</summary>
[TestClass]
[DoNotParallelize]
public sealed class TrainExtensionFlagsTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mlgan-trainx-" + Guid.NewGuid().ToString("N"));

    private static string[] Tiny(string dir, params string[] extra) =>
    [
        "train", "--width", "8", "--data", "ring8", "--steps", "4", "--out", dir, "--seed", "3", "--batch", "16",
        "--count", "200", "--latent-dim", "2", "--log-every", "2", "--checkpoint-every", "4", .. extra,
    ];

    /// <summary>The options the run recorded in its checkpoint's manifest.</summary>
    private static JsonElement RecordedOptions(string dir)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(dir, "checkpoints", "ckpt-00000004.zip"));
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return JsonDocument.Parse(stream).RootElement.GetProperty("Options").Clone();
    }

    [TestMethod]
    public void SeparateLearningRatesAndRegularisersReachTheTrainer()
    {
        string dir = TempDir();
        try
        {
            var (code, _, error) = CliRunner.Run(Tiny(dir, "--family", "hinge", "--lr-g", "0.003", "--lr-d", "0.0007", "--r1", "0.5", "--dragan", "2", "--bcr", "1.5", "--n-critic", "2"));
            Assert.AreEqual(0, code, error);
            var o = RecordedOptions(dir);
            Assert.AreEqual(0.003, o.GetProperty("GeneratorOptimizer").GetProperty("LearningRate").GetDouble());
            Assert.AreEqual(0.0007, o.GetProperty("DiscriminatorOptimizer").GetProperty("LearningRate").GetDouble());
            Assert.AreEqual(2, o.GetProperty("DiscriminatorSteps").GetInt32());
            var stages = o.GetProperty("Regularizers").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.AreEqual(3, stages.Length, string.Join("; ", stages));
            StringAssert.StartsWith(stages[0], "r1");
            StringAssert.Contains(stages[0], "0.5");
            StringAssert.StartsWith(stages[1], "dragan");
            StringAssert.StartsWith(stages[2], "bcr");
            StringAssert.StartsWith(o.GetProperty("Loss").GetString()!, "hinge");
            // The penalty terms are in the log's gp column.
            var gp = File.ReadAllLines(Path.Combine(dir, "log.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.IsTrue(gp.All(v => v > 0), string.Join(", ", gp));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void APluginsLossAndNetworkAreNamedByLossAndNet()
    {
        string dir = TempDir();
        try
        {
            string plugin = typeof(PluginSquareLoss).Assembly.Location;
            var (code, output, error) = CliRunner.Run(Tiny(dir, "--family", "js-ns", "--plugin", plugin, "--loss", "plugin-square", "--net", "plugin-tiny"));
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(output, "loss plugin-square");
            StringAssert.Contains(output, "network plugin-tiny");
            var options = RecordedOptions(dir);
            StringAssert.StartsWith(options.GetProperty("Loss").GetString()!, "plugin-square");
            Assert.AreEqual("plugin-tiny", options.GetProperty("Network").GetString());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void BadExtensionFlagsAreOneLineAndExitTwo()
    {
        string dir = TempDir();
        foreach (var (args, expected) in new[]
                 {
                     (Tiny(dir, "--family", "hinge", "--loss", "nope"), "Unknown GAN loss 'nope'"),
                     (Tiny(dir, "--family", "hinge", "--net", "nope"), "Unknown network 'nope'"),
                     (Tiny(dir, "--family", "hinge", "--r1", "-1"), "gamma"),
                     (Tiny(dir, "--family", "hinge", "--plugin", "/nonexistent/plugin.dll"), "does not exist"),
                     (Tiny(dir, "--family", "hinge", "--lr-g", "0"), "LearningRate"),
                 })
        {
            var (code, _, error) = CliRunner.Run(args);
            Assert.AreEqual(2, code, error);
            StringAssert.StartsWith(error, "mlgan train: ");
            StringAssert.Contains(error, expected);
            Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
        }
        Assert.IsFalse(Directory.Exists(dir), "nothing written for a bad command line");
    }
}
