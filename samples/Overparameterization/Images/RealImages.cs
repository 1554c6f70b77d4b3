using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Data.Images;

namespace MlGan.Samples.OverparameterizationImages;

/// <summary>
/// The real data of the sweep: what the GANs train on, and the train and held-out test images every FID and NND is
/// scored against (pixels in [−1, 1]), with each set's feature statistics cached once. Fashion-MNIST uses its own test
/// split and MlGan's shipped feature net; an image folder holds out its last 10 % and needs the caller's feature net.
/// </summary>
internal sealed class RealImages : IDisposable
{
    private RealImages(IDataView train, long[] shape, float[][] trainRows, float[][] testRows, OnnxFeatureExtractor features, string description)
    {
        Train = train;
        Shape = shape;
        TrainRows = trainRows;
        TestRows = testRows;
        Features = features;
        Description = description;
        TrainStatistics = FeatureStatistics.FromFeatures(features.ExtractFeatures(trainRows));
        TestStatistics = FeatureStatistics.FromFeatures(features.ExtractFeatures(testRows));
    }

    public IDataView Train { get; }
    /// <summary>[C, H, W].</summary>
    public long[] Shape { get; }
    public float[][] TrainRows { get; }
    public float[][] TestRows { get; }
    public OnnxFeatureExtractor Features { get; }
    public FeatureStatistics TrainStatistics { get; }
    public FeatureStatistics TestStatistics { get; }
    public string Description { get; }

    /// <summary>Fashion-MNIST: all 60,000 training images to train on; the first <paramref name="count"/> train and test images to score against.</summary>
    public static RealImages FashionMnist(MLContext ml, int count) => new(
        ml.Gan().Data.FashionMnist(FashionMnistSplit.Train, PixelRange.MinusOneToOne),
        [1, Transforms.Data.FashionMnist.Height, Transforms.Data.FashionMnist.Width],
        Transforms.Data.FashionMnist.Load(null, FashionMnistSplit.Train, PixelRange.MinusOneToOne, count).Images,
        Transforms.Data.FashionMnist.Load(null, FashionMnistSplit.Test, PixelRange.MinusOneToOne, count).Images,
        OnnxFeatureExtractor.FashionMnist(), "Fashion-MNIST (train 60,000; test split held out)");

    /// <summary>An image folder or zip resized to <paramref name="size"/>² RGB: the first 90 % train, the last 10 % are the test set.</summary>
    public static RealImages Folder(MLContext ml, string path, string featureNet, int size, int count)
    {
        using var all = ml.Gan().Data.ImageFolder(path, new ImageFolderOptions { Channels = 3, Width = size, Height = size, Range = PixelRange.MinusOneToOne });
        var rows = all.GetColumn<float[]>(GanDataCatalog.FeaturesColumn).ToArray();
        if (rows.Length < 20) throw new ArgumentException($"--images {path} holds {rows.Length} images; the sweep needs at least 20 (10 % are held out).");
        int test = rows.Length / 10;
        var train = rows[..^test];
        return new RealImages(VectorDataView.FromRows(ml, train, GanDataCatalog.FeaturesColumn, train[0].Length), [3, size, size],
            train.Take(count).ToArray(), rows[^test..].Take(count).ToArray(), new OnnxFeatureExtractor(featureNet),
            $"{path} ({train.Length} train, {test} held-out test images, {size}×{size} RGB)");
    }

    /// <summary>FID of <paramref name="fakes"/> against the train and the test statistics.</summary>
    public (double Train, double Test) Fid(float[][] fakes)
    {
        var f = Features.ExtractFeatures(fakes);
        return (FrechetDistance.Compute(f, TrainStatistics), FrechetDistance.Compute(f, TestStatistics));
    }

    public void Dispose() => Features.Dispose();
}
