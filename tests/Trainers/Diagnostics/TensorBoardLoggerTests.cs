using System.Text;
using MlGan.Trainers.Diagnostics;
using MlGan.Transforms.Training;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Diagnostics;

/// <summary>TensorBoardLogger's event file, read back with an independent TFRecord + protobuf reader.</summary>
[TestClass]
public sealed class TensorBoardLoggerTests
{
    public TestContext TestContext { get; set; } = null!;

    private string NewDirectory() =>
        Path.Combine(Path.GetTempPath(), "mlgan-tb-" + Guid.NewGuid().ToString("N"), "nested", "run");

    private static string EventFile(string directory)
    {
        var files = Directory.GetFiles(directory, "events.out.tfevents.*");
        Assert.HasCount(1, files, "one event file per logger");
        return files[0];
    }

    private static Dictionary<string, double> Values(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [TestMethod]
    public void Crc32CMatchesItsCheckValue()
    {
        // The reader's own reference: CRC-32C of the ASCII digits "123456789" is 0xE3069283 (RFC 3720, B.4).
        Assert.AreEqual(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.AreEqual(0u, Crc32C.Compute([]));
    }

    [TestMethod]
    public void ScalarsAreWrittenUnderTrainAndEvalTagsAtTheirSteps()
    {
        string directory = NewDirectory();
        Assert.IsFalse(Directory.Exists(directory));
        using (var logger = new TensorBoardLogger(directory))
        {
            Assert.IsTrue(Directory.Exists(directory), "the log directory is created");
            logger.Report(new TrainingStep(0, 10, Values(("d_loss", 1.25), ("g_loss", -0.5), ("d_grad_norm", 3.0), ("g_grad_norm", 0.1), ("gp", 0.0))));
            logger.Report(new TrainingStep(5, 10, Values(("d_loss", 0.75), ("g_loss", 2.5), ("fid", 42.125))));
            logger.AddScalar("eval/kid", 0.0123, 9);
        }
        var events = TensorBoardEventReader.Read(EventFile(directory));
        Assert.AreEqual("brain.Event:2", events[0].FileVersion, "the first record names the file version");

        var scalars = events.SelectMany(e => e.Values.Where(v => v.SimpleValue is not null).Select(v => (v.Tag, e.Step, Value: v.SimpleValue!.Value))).ToList();
        var expected = new List<(string, long, float)>
        {
            ("train/d_loss", 0, 1.25f), ("train/g_loss", 0, -0.5f), ("train/d_grad_norm", 0, 3.0f), ("train/g_grad_norm", 0, 0.1f), ("train/gp", 0, 0f),
            ("train/d_loss", 5, 0.75f), ("train/g_loss", 5, 2.5f), ("eval/fid", 5, 42.125f),
            ("eval/kid", 9, 0.0123f),
        };
        CollectionAssert.AreEquivalent(expected, scalars);
        foreach (var e in events.Skip(1))
            Assert.IsTrue(Math.Abs(e.WallTime - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 3600, $"wall time {e.WallTime} is in Unix seconds");
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, recursive: true);
    }

    [TestMethod]
    public void EvaluationNamesCanBeChosen()
    {
        string directory = NewDirectory();
        using (var logger = new TensorBoardLogger(directory, evaluationNames: ["score"]))
        {
            Assert.AreEqual("eval/score", logger.TagOf("score"));
            Assert.AreEqual("train/fid", logger.TagOf("fid"));
            logger.Report(new TrainingStep(3, 4, Values(("score", 7.5))));
        }
        var value = TensorBoardEventReader.Read(EventFile(directory)).SelectMany(e => e.Values).Single();
        Assert.AreEqual(("eval/score", 7.5f), (value.Tag, value.SimpleValue));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, recursive: true);
    }

    [TestMethod]
    [DataRow(1), DataRow(3)]
    public void AnImageGridIsWrittenAsAPngOfTheTiledSize(int channels)
    {
        const int count = 5, rows = 2, height = 6, width = 4, columns = 3, p = TensorBoardLogger.GridPadding;
        // Tile k, channel c is the constant 8-bit level Lₖ꜀ = 10 + 50k + 20c, stored as v = L/127.5 − 1 ∈ [−1, 1].
        static int Level(int k, int c) => 10 + 50 * k + 20 * c;
        var images = zeros(count, channels, height, width);
        for (int k = 0; k < count; k++)
            for (int c = 0; c < channels; c++)
                images[k, c].fill_(Level(k, c) / 127.5 - 1);
        string directory = NewDirectory();
        using (var logger = new TensorBoardLogger(directory))
        {
            logger.Report(new TrainingStep(7, 8, Values(("d_loss", 1.0))));
            logger.AddImageGrid("samples", images, 7, rows);
        }
        var events = TensorBoardEventReader.Read(EventFile(directory));
        var (image, step) = events.SelectMany(e => e.Values.Where(v => v.Image is not null).Select(v => (v.Image!, e.Step))).Single();
        Assert.AreEqual(7L, step);
        int gridHeight = rows * (height + p) + p, gridWidth = columns * (width + p) + p;
        Assert.AreEqual((gridHeight, gridWidth), (image.Height, image.Width), "the Image proto's size");
        Assert.AreEqual("samples", events.SelectMany(e => e.Values).Single(v => v.Image is not null).Tag);

        using var bitmap = SKBitmap.Decode(image.Encoded);
        Assert.IsNotNull(bitmap, "the image is a decodable PNG");
        Assert.AreEqual((gridWidth, gridHeight), (bitmap.Width, bitmap.Height), "the PNG's size");
        for (int k = 0; k < rows * columns; k++)
        {
            int top = p + (k / columns) * (height + p), left = p + (k % columns) * (width + p);
            for (int i = 0; i < height; i++)
                for (int j = 0; j < width; j++)
                {
                    var pixel = bitmap.GetPixel(left + j, top + i);
                    // One channel is gray; the unused cell is black.
                    int Expected(int c) => k < count ? Level(k, channels == 1 ? 0 : c) : 0;
                    Assert.AreEqual((Expected(0), Expected(1), Expected(2)), ((int)pixel.Red, (int)pixel.Green, (int)pixel.Blue), $"tile {k} pixel ({i}, {j})");
                }
        }
        // The padding between tiles and the unused cell are black.
        Assert.AreEqual(SKColors.Black, bitmap.GetPixel(0, 0));
        Assert.AreEqual(SKColors.Black, bitmap.GetPixel(p + width, p));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, recursive: true);
    }

    [TestMethod]
    public void TheReaderRejectsACorruptedRecord()
    {
        string directory = NewDirectory();
        using (var logger = new TensorBoardLogger(directory))
            logger.Report(new TrainingStep(1, 2, Values(("d_loss", 0.5))));
        var bytes = File.ReadAllBytes(EventFile(directory));
        Assert.HasCount(2, TensorBoardEventReader.Read(bytes));
        var corrupted = bytes.ToArray();
        corrupted[^6] ^= 0x01; // inside the last record's data
        Assert.ThrowsExactly<InvalidDataException>(() => TensorBoardEventReader.Read(corrupted));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, recursive: true);
    }

    [TestMethod]
    public void BadArgumentsAndUseAfterDisposeThrow()
    {
        string directory = NewDirectory();
        var logger = new TensorBoardLogger(directory);
        var images = zeros(2, 1, 4, 4);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => logger.AddImageGrid("x", images, 0, 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => logger.AddImageGrid("x", images, 0, 0));
        Assert.ThrowsExactly<ArgumentException>(() => logger.AddImageGrid("x", zeros(2, 2, 4, 4), 0, 1));
        Assert.ThrowsExactly<ArgumentException>(() => logger.AddImageGrid("x", zeros(2, 16), 0, 1));
        Assert.ThrowsExactly<ArgumentException>(() => logger.AddImageGrid(" ", images, 0, 1));
        logger.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => logger.Report(new TrainingStep(0, 1, Values(("d_loss", 1.0)))));
        Assert.ThrowsExactly<ObjectDisposedException>(() => logger.AddImageGrid("x", images, 0, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new TensorBoardLogger("  "));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(directory))!, recursive: true);
    }
}
