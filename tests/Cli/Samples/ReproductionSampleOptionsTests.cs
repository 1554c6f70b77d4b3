using System.Globalization;
using MlGan.Cli.Tests.Deploy;

namespace MlGan.Cli.Tests.Samples;

/// <summary>The options added for issue #19: TwoCluster's imbalanced data and optimised critic, and the image width sweep's checks.</summary>
[TestClass]
public sealed class ReproductionSampleOptionsTests
{
    [TestMethod]
    [DataRow("TwoCluster", new[] { "--minor-share", "0.7" }, "TwoCluster: --minor-share must be in (0, 0.5]; got 0.7.")]
    [DataRow("TwoCluster", new[] { "--minor-at", "2" }, "TwoCluster: --minor-at must be 0 or 4; got 2.")]
    [DataRow("TwoCluster", new[] { "--optimal-critic-steps", "-1" }, "TwoCluster: --optimal-critic-steps must be ≥ 0; got -1.")]
    [DataRow("OverparameterizationImages", new[] { "--net", "vgg" }, "OverparameterizationImages: --net must be dcgan or resnet; got vgg.")]
    [DataRow("OverparameterizationImages", new[] { "--images", "some/folder" }, "OverparameterizationImages: --images needs --features (an ONNX feature net for those images); the shipped net is for Fashion-MNIST.")]
    [DataRow("OverparameterizationImages", new[] { "--widths", "8,,16" }, "OverparameterizationImages: The width sweep '8,,16' has an empty entry (check the commas).")]
    public void ABadValue_IsOneLineAndExitTwo(string sample, string[] args, string expected)
    {
        var result = SampleProgram.Run(sample, args);
        Assert.AreEqual(CliErrors.UsageOrDataError, result.ExitCode, result.Describe());
        Assert.AreEqual(expected, result.Stderr.TrimEnd(), result.Describe());
    }

    [TestMethod]
    public void TwoCluster_ImbalancedData_AndTheOptimisedCritic_WriteTheirColumns()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-twocluster-imbalanced-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = SampleProgram.Run("TwoCluster", "--minor-share", "0.1", "--minor-at", "0", "--widths", "10", "--seeds", "2", "--steps", "120",
                "--optimal-critic-steps", "20", "--out", dir);
            Assert.AreEqual(0, result.ExitCode, result.Describe());
            StringAssert.Contains(result.Stdout, "imbalanced data: 10 % of the reals in the cluster at 0, the rest at 4");
            var runs = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
            var header = runs[0].Split(',');
            int share = Array.IndexOf(header, "minor_share_data"), c0 = Array.IndexOf(header, "last_share_c0"), c4 = Array.IndexOf(header, "last_share_c4");
            Assert.IsTrue(share >= 0 && c0 >= 0 && c4 >= 0, runs[0]);
            Assert.AreEqual(1 + 2 * 2, runs.Length, "two losses × two seeds");
            foreach (var row in runs.Skip(1).Select(l => l.Split(',')))
            {
                Assert.AreEqual(0.1, double.Parse(row[share], CultureInfo.InvariantCulture));
                double a = double.Parse(row[c0], CultureInfo.InvariantCulture), b = double.Parse(row[c4], CultureInfo.InvariantCulture);
                Assert.IsTrue(a >= 0 && b >= 0 && a + b <= 1 + 1e-12, string.Join(",", row));
            }
            // The initial generator for every seed of both losses (plus plateau generators where a run was collapsed after the burn-in).
            var critic = File.ReadAllLines(Path.Combine(dir, "optimal_critic.csv"));
            Assert.AreEqual("loss,generator,d_width,seed,critic_steps,d_loss,fake_share_c0", critic[0]);
            var initial = critic.Skip(1).Where(l => l.Split(',')[1] == "initial").ToArray();
            Assert.AreEqual(2 * 2 * 5, initial.Length, "checkpoints 1, 2, 5, 10, 20 per loss and seed");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
