using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests;

/// <summary>
/// `mlgan train`'s image-GAN options end to end on Fashion-MNIST (conditional DCGAN, spectral norm, DiffAugment, EMA, FID
/// during training, TensorBoard), `mlgan score` of the conditional generator, and the bad-input errors naming the option.
/// Console.Error is process-wide, so these run one at a time.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ImageTrainingFlagsTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var (code, _, error) = TestSupport.CliRunner.Run(args);
        return (code, error);
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mlgan-image-train-" + Guid.NewGuid().ToString("N"));

    [TestMethod]
    public void ConditionalDcganTrainsWithFidTensorBoardAndScoresWithBalancedOrChosenLabels()
    {
        string dir = TempDir();
        try
        {
            var (code, error) = Run("train", "--family", "hinge", "--net", "dcgan", "--width", "4", "--data", "fashion-mnist", "--count", "256",
                "--steps", "4", "--batch", "8", "--latent-dim", "16", "--out", dir, "--log-every", "1", "--conditional", "--spectral-norm",
                "--diffaugment", "translation,cutout,color", "--ema", "0.9", "--fid-every", "2", "--fid-samples", "40",
                "--tensorboard", Path.Combine(dir, "tb"));
            Assert.AreEqual(0, code, error);

            var lines = File.ReadAllLines(Path.Combine(dir, "log.csv"));
            var header = lines[0].Split(',');
            int fid = Array.IndexOf(header, "fid");
            Assert.IsTrue(fid > 0, lines[0]);
            var scored = lines.Skip(1).Select(l => l.Split(',')).Where(c => c[fid].Length > 0).ToArray();
            CollectionAssert.AreEqual(new[] { "1", "3" }, scored.Select(c => c[0]).ToArray(), "FID after 2 and 4 completed steps (0-based log steps 1 and 3)");
            Assert.IsTrue(scored.All(c => double.Parse(c[fid], System.Globalization.CultureInfo.InvariantCulture) > 0));
            Assert.IsTrue(Directory.GetFiles(Path.Combine(dir, "checkpoints"), "ckpt-*.zip").Length >= 1, "the best-FID checkpoint is written");
            Assert.AreEqual(1, Directory.GetFiles(Path.Combine(dir, "tb"), "events.out.tfevents.*").Length);

            string onnx = Path.Combine(dir, "g.onnx");
            Assert.AreEqual(0, Run("export", Path.Combine(dir, "model.zip"), "--out", onnx).Code);
            using (var runner = new OnnxGeneratorRunner(onnx))
                Assert.AreEqual(10, runner.ClassCount, "the conditional generator keeps its 10 classes");
            // torch-fidelity's form keeps the label input after z: z float [N, k], labels int64 [N] → uint8 [N, 3, 28, 28].
            string fidelity = Path.Combine(dir, "g-fidelity.onnx");
            Assert.AreEqual(0, Run("export", Path.Combine(dir, "model.zip"), "--torch-fidelity", "--out", fidelity).Code);
            using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(fidelity))
            {
                CollectionAssert.AreEqual(new[] { "z", GeneratorTransformer.OnnxLabelInputName }, session.InputNames.ToArray());
                var z = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(new float[3 * 16], [3, 16]);
                var y = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(new long[] { 0, 4, 9 }, [3]);
                using var results = session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("z", z),
                    Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor(GeneratorTransformer.OnnxLabelInputName, y)]);
                CollectionAssert.AreEqual(new[] { 3, 3, 28, 28 }, results.First().AsTensor<byte>().Dimensions.ToArray());
            }
            string json = Path.Combine(dir, "score.json");
            (code, error) = Run("score", "--real", "fashion-mnist:test", "--fake", onnx, "--metrics", "fid", "--count", "64", "--json", json);
            Assert.AreEqual(0, code, error);
            StringAssert.Contains(File.ReadAllText(json), "\"fid\"");
            (code, error) = Run("score", "--real", "fashion-mnist:test", "--fake", onnx, "--metrics", "fid", "--count", "64", "--labels", "0,9");
            Assert.AreEqual(0, code, error);
            (code, error) = Run("score", "--real", "fashion-mnist:test", "--fake", onnx, "--metrics", "fid", "--count", "64", "--labels", "10");
            Assert.AreEqual(2, code);
            StringAssert.Contains(error, "--labels");
            StringAssert.Contains(error, "class 10");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    [DataRow("--conditional needs", "--label-column", "--data", "ring8", "--conditional")]
    [DataRow("no column 'Klasse'", "--label-column", "--data", "fashion-mnist", "--count", "64", "--conditional", "--label-column", "Klasse")]
    [DataRow("add --conditional", "--conditional", "--data", "fashion-mnist", "--count", "64", "--label-column", "Label")]
    [DataRow("--diffaugment", "image", "--data", "ring8", "--diffaugment", "translation")]
    [DataRow("--diffaugment", "Unknown DiffAugment policy 'zoom'", "--data", "fashion-mnist", "--count", "64", "--diffaugment", "translation,zoom")]
    [DataRow("--ema", "[0, 1)", "--data", "ring8", "--ema", "1")]
    [DataRow("--patience", "--fid-every", "--data", "ring8", "--patience", "3")]
    [DataRow("--conditioning", "projection or acgan", "--data", "fashion-mnist", "--count", "64", "--conditional", "--conditioning", "film")]
    public void BadImageOptionsGiveOneLineErrorsNamingTheOption(string expected, string alsoExpected, params string[] options)
    {
        string dir = TempDir();
        try
        {
            string[] net = options.Contains("fashion-mnist") ? ["--net", "dcgan", "--width", "4"] : ["--width", "4"];
            var (code, error) = Run(["train", "--family", "hinge", .. net, "--steps", "2", "--batch", "8", "--out", dir, .. options]);
            Assert.AreEqual(2, code, error);
            StringAssert.StartsWith(error, "mlgan train: ");
            StringAssert.Contains(error, expected);
            StringAssert.Contains(error, alsoExpected);
            Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void FashionMnistIsReadWholeUnlessCountIsGiven()
    {
        var ml = new Microsoft.ML.MLContext(1);
        var options = new MlGan.Trainers.GanTrainerOptions();
        static int Rows(Microsoft.ML.IDataView view) => view.GetColumn<float[]>("Features").Count();
        Assert.AreEqual(60_000, Rows(Commands.TrainCommand.LoadData(ml, "fashion-mnist", null, 1, null, options)));
        Assert.AreEqual(500, Rows(Commands.TrainCommand.LoadData(ml, "fashion-mnist", 500, 1, null, options)));
        Assert.AreEqual(Commands.TrainCommand.DefaultSyntheticCount, Rows(Commands.TrainCommand.LoadData(ml, "ring8", null, 1, null, options)));
    }
}
