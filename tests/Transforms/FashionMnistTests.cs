using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms.Data;

namespace MlGan.Transforms.Tests;

[TestClass]
public sealed class FashionMnistTests
{
    [TestMethod]
    public void ReadsTheDebianPackageTestSplitScaledToMinusOneOne()
    {
        var ml = new MLContext(1);
        var view = ml.Gan().Data.FashionMnist(FashionMnistSplit.Test, maxCount: 500);
        Assert.AreEqual(784, ((VectorDataViewType)view.Schema["Features"].Type).Size);
        var images = view.GetColumn<float[]>("Features").ToArray();
        var labels = view.GetColumn<float>("Label").ToArray();
        Assert.AreEqual(500, images.Length);
        Assert.IsTrue(images.SelectMany(i => i).All(v => v >= -1 && v <= 1));
        Assert.AreEqual(-1f, images.SelectMany(i => i).Min());
        Assert.AreEqual(1f, images.SelectMany(i => i).Max());
        Assert.IsTrue(labels.All(l => l >= 0 && l <= 9 && l == Math.Floor(l)));
        Assert.AreEqual(10, labels.Distinct().Count());
        // The first test image of Fashion-MNIST is an ankle boot (class 9).
        Assert.AreEqual(9f, labels[0]);
        var unit = ml.Gan().Data.FashionMnist(FashionMnistSplit.Test, PixelRange.ZeroToOne, maxCount: 1).GetColumn<float[]>("Features").First();
        for (int p = 0; p < 784; p++) Assert.AreEqual((images[0][p] + 1) / 2, unit[p], 1e-6);
    }

    [TestMethod]
    public void MissingFileNamesThePathAndTheAptPackage()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-missing-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.ThrowsExactly<FileNotFoundException>(() => new MLContext(1).Gan().Data.FashionMnist(directory: dir));
        StringAssert.Contains(ex.Message, Path.Combine(dir, "train-images-idx3-ubyte"));
        StringAssert.Contains(ex.Message, "apt-get install -y dataset-fashion-mnist");
    }

    [TestMethod]
    public void WrongMagicAndTruncationAreReported()
    {
        string dir = Directory.CreateTempSubdirectory("mlgan-idx").FullName;
        try
        {
            // Wrong magic: a float IDX (0x0D) instead of unsigned bytes.
            File.WriteAllBytes(Path.Combine(dir, "t10k-images-idx3-ubyte"), new byte[] { 0, 0, 0x0D, 3, 0, 0, 0, 1 });
            var magic = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Gan().Data.FashionMnist(FashionMnistSplit.Test, directory: dir));
            StringAssert.Contains(magic.Message, "wrong magic number");

            // Truncated gzip: a valid header promising 2 images of 28×28 but only 100 pixel bytes.
            var header = new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28 };
            File.Delete(Path.Combine(dir, "t10k-images-idx3-ubyte"));
            using (var gz = new GZipStream(File.Create(Path.Combine(dir, "t10k-images-idx3-ubyte.gz")), CompressionLevel.Fastest))
            {
                gz.Write(header);
                gz.Write(new byte[100]);
            }
            var truncated = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Gan().Data.FashionMnist(FashionMnistSplit.Test, directory: dir));
            StringAssert.Contains(truncated.Message, "truncated");
            StringAssert.Contains(truncated.Message, "t10k-images-idx3-ubyte.gz");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
