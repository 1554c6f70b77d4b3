using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;

namespace MlGan.Cli.Tests;

/// <summary>Console.Error is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class TrainCommandTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        try
        {
            return (Program.BuildRoot().Parse(args).Invoke(), error.ToString());
        }
        finally
        {
            Console.SetError(old);
        }
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mlgan-train-" + Guid.NewGuid().ToString("N"));

    [TestMethod]
    public void TinyRing8RunWritesALoadableModelLogAndPlot()
    {
        string dir = TempDir();
        try
        {
            var (code, error) = Run("train", "--family", "wgan-gp", "--net", "mlp", "--width", "8", "--data", "ring8", "--steps", "6",
                "--out", dir, "--seed", "3", "--batch", "16", "--count", "200", "--latent-dim", "2", "--log-every", "2", "--lr", "0.001");
            Assert.AreEqual(0, code, error);
            foreach (var f in new[] { "model.zip", "log.csv", "loss.png" })
                Assert.IsTrue(new FileInfo(Path.Combine(dir, f)).Length > 0, f);

            var lines = File.ReadAllLines(Path.Combine(dir, "log.csv"));
            StringAssert.StartsWith(lines[0], "step,d_loss,g_loss");
            CollectionAssert.AreEqual(new[] { "0", "2", "4", "5" }, lines.Skip(1).Select(l => l.Split(',')[0]).ToArray(), "one row per logged step");
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(dir, "loss.png"))[..4]);

            var ml = new MLContext(1);
            var model = ml.Model.Load(Path.Combine(dir, "model.zip"), out var schema);
            Assert.IsNotNull(schema.GetColumnOrNull("Latent"));
            var fake = model.Transform(ml.Gan().Data.Latent(2, 5, seed: 9)).GetColumn<float[]>("Generated").ToArray();
            Assert.AreEqual(5, fake.Length);
            Assert.IsTrue(fake.All(r => r.Length == 2 && r.All(float.IsFinite)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void CsvDataWithHeaderTrains()
    {
        string dir = TempDir();
        Directory.CreateDirectory(dir);
        try
        {
            string csv = Path.Combine(dir, "points.csv");
            File.WriteAllLines(csv, new[] { "x,y,z" }.Concat(Enumerable.Range(0, 40).Select(i => $"{Math.Sin(i)},{Math.Cos(i)},{i % 3}")));
            var (code, error) = Run("train", "--family", "js-ns", "--net", "hidden-layer", "--width", "4", "--data", "csv:" + csv,
                "--steps", "3", "--out", dir, "--batch", "8", "--latent-dim", "3");
            Assert.AreEqual(0, code, error);
            var ml = new MLContext(1);
            var model = ml.Model.Load(Path.Combine(dir, "model.zip"), out _);
            var fake = model.Transform(ml.Gan().Data.Latent(3, 2, seed: 1)).GetColumn<float[]>("Generated").ToArray();
            Assert.AreEqual(3, fake[0].Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void BadFamilyOrNetFailsWithAClearMessage()
    {
        var (code, error) = Run("train", "--family", "wgan-xx", "--data", "ring8", "--out", TempDir());
        Assert.AreNotEqual(0, code);
        StringAssert.Contains(error, "wgan-xx");
        StringAssert.Contains(error, "wgan-gp");

        (code, error) = Run("train", "--family", "js", "--net", "transformer", "--data", "ring8", "--out", TempDir());
        Assert.AreNotEqual(0, code);
        StringAssert.Contains(error, "transformer");
        StringAssert.Contains(error, "dcgan");
    }

    [TestMethod]
    public void BadDataAndMismatchedNetworkFailWithClearMessages()
    {
        string dir = TempDir();
        var (code, error) = Run("train", "--family", "js", "--data", "mnist", "--out", dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "Unknown --data 'mnist'");

        (code, error) = Run("train", "--family", "js", "--net", "dcgan", "--data", "ring8", "--out", dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "ImageShape");

        (code, error) = Run("train", "--family", "js", "--data", "csv:/nonexistent/x.csv", "--out", dir);
        Assert.AreEqual(2, code, "an unreadable file is an expected failure: one line, exit 2");
        StringAssert.Contains(error, "/nonexistent/x.csv");
        Assert.IsFalse(Directory.Exists(dir), "nothing written when the arguments are bad");
    }
}
