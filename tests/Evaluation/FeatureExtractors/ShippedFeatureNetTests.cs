using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation.Tests.FeatureExtractors;

[TestClass]
public sealed class ShippedFeatureNetTests
{
    /// <summary>The shipped models/fashion-mnist-features.onnx (embedded) classifies the first 1000 test images at ≥ 90 %.</summary>
    [TestMethod]
    public void ShippedFashionMnistNet_ClassifiesTestImages()
    {
        var (images, labels) = FashionMnist.Load(null, FashionMnistSplit.Test, PixelRange.MinusOneToOne, maxCount: 1000);
        using var net = OnnxFeatureExtractor.FashionMnist();
        var result = net.Extract(images);
        Assert.HasCount(128, result.Features[0]);
        int correct = 0;
        for (int i = 0; i < images.Length; i++)
        {
            var z = result.ClassScores![i];
            int best = Array.IndexOf(z, z.Max());
            if (best == (int)labels[i]) correct++;
        }
        double accuracy = correct / 1000.0;
        Console.WriteLine($"shipped feature net: accuracy {accuracy:P1} on the first 1000 test images");
        Assert.IsGreaterThanOrEqualTo(0.9, accuracy);
    }
}
