using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Onnx;

namespace MlGan.Evaluation.Tests.FeatureExtractors;

[TestClass]
public sealed class OnnxFeatureExtractorTests
{
    private static readonly float[] Scale = [0.5f, 1f, 2f], Shift = [0.1f, 0f, -0.3f];

    private static OnnxFeatureExtractorOptions InceptionOptions() => new()
    {
        InputName = "x",
        FeaturesOutputName = "pool_3",
        ClassScoresOutputName = "logits",
        Scale = Scale,
        Shift = Shift,
        BatchSize = 2,   // 3 samples: one full and one partial batch
    };

    [TestMethod]
    public void InceptionInterface_MatchesTorchSameNetwork()
    {
        using var net = new InceptionLikeNet(seed: 3);
        var samples = TestData.StandardNormal(3, 28 * 28, seed: 11).Select(r => r.Select(v => MathF.Tanh(v)).ToArray()).ToArray();
        using var extractor = new OnnxFeatureExtractor(net.Onnx(), InceptionOptions(), "inception-like");
        Assert.AreEqual(ClassScoreKind.Logits, extractor.ClassScores);
        CollectionAssert.AreEqual(new long[] { -1, 3, 299, 299 }, extractor.InputShape);

        var result = extractor.Extract(samples);
        var (features, logits) = net.Torch(samples, 28, Scale, Shift);
        Assert.HasCount(3, result.Features);
        Assert.HasCount(InceptionLikeNet.Features, result.Features[0]); // [N, 2048, 1, 1] flattened
        Assert.HasCount(InceptionLikeNet.Classes, result.ClassScores![0]);
        AssertClose(features, result.Features, 1e-4);
        AssertClose(logits, result.ClassScores!, 1e-4);
        // The extraction feeds the Inception score directly.
        Assert.IsGreaterThanOrEqualTo(1.0, result.InceptionScore(splits: 1).Mean);
    }

    [TestMethod]
    public void BatchSizeDoesNotChangeResults()
    {
        using var net = new InceptionLikeNet(seed: 4);
        var samples = TestData.StandardNormal(3, 28 * 28, seed: 5);
        var options = InceptionOptions();
        using var batched = new OnnxFeatureExtractor(net.Onnx(), options);
        options.BatchSize = 64;
        using var whole = new OnnxFeatureExtractor(net.Onnx(), options);
        AssertClose(whole.ExtractFeatures(samples), batched.ExtractFeatures(samples), 1e-5);
    }

    [TestMethod]
    public void UnknownInputName_NamesTheAvailableInputs()
    {
        using var net = new InceptionLikeNet(seed: 1);
        var options = InceptionOptions();
        options.InputName = "images";
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new OnnxFeatureExtractor(net.Onnx(), options, "net.onnx"));
        StringAssert.Contains(ex.Message, "no input 'images'");
        StringAssert.Contains(ex.Message, "x");
    }

    [TestMethod]
    public void UnknownOutputName_NamesTheAvailableOutputs()
    {
        using var net = new InceptionLikeNet(seed: 1);
        var options = InceptionOptions();
        options.FeaturesOutputName = "pool3";
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new OnnxFeatureExtractor(net.Onnx(), options, "net.onnx"));
        StringAssert.Contains(ex.Message, "no output 'pool3'");
        StringAssert.Contains(ex.Message, "pool_3, logits");

        options = InceptionOptions();
        options.ClassScoresOutputName = "probs";
        ex = Assert.ThrowsExactly<ArgumentException>(() => new OnnxFeatureExtractor(net.Onnx(), options, "net.onnx"));
        StringAssert.Contains(ex.Message, "no output 'probs'");
    }

    [TestMethod]
    public void InputOfWrongRank_IsInvalidData()
    {
        var b = new OnnxGraphBuilder("flat");
        string x = b.AddInput("x", -1, 784);
        b.Relu(x, output: "features");
        b.AddOutput("features", -1, 784);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new OnnxFeatureExtractor(b.ToBytes(), null, "flat.onnx"));
        StringAssert.Contains(ex.Message, "rank 2");
        StringAssert.Contains(ex.Message, "[N, C, H, W]");
    }

    [TestMethod]
    public void ClassScoresOfWrongRank_IsInvalidData()
    {
        using var net = new InceptionLikeNet(seed: 1);
        var options = InceptionOptions();
        options.ClassScoresOutputName = "pool_3"; // [N, 2048, 1, 1]
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new OnnxFeatureExtractor(net.Onnx(), options, "net.onnx"));
        StringAssert.Contains(ex.Message, "rank 4");
    }

    [TestMethod]
    public void NotAnOnnxFile_IsInvalidData()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => new OnnxFeatureExtractor("not a model"u8.ToArray()));
        Assert.ThrowsExactly<FileNotFoundException>(() => new OnnxFeatureExtractor("/nonexistent/net.onnx"));
    }

    [TestMethod]
    public void BadOptionsAndSamples_AreArgumentErrors()
    {
        using var net = new InceptionLikeNet(seed: 1);
        var options = InceptionOptions();
        options.Scale = [1f, 2f];
        Assert.ThrowsExactly<ArgumentException>(() => new OnnxFeatureExtractor(net.Onnx(), options));
        options = InceptionOptions();
        options.BatchSize = 0;
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OnnxFeatureExtractor(net.Onnx(), options));

        options = InceptionOptions();
        options.Resize = ResizeMode.None;
        using var noResize = new OnnxFeatureExtractor(net.Onnx(), options);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => noResize.Extract(TestData.StandardNormal(2, 784, 1)));
        StringAssert.Contains(ex.Message, "28×28");
        Assert.ThrowsExactly<ArgumentException>(() => noResize.Extract([new float[784], new float[783]]));
        // 2 channels cannot be replicated to 3; 5 values have no square shape.
        options = InceptionOptions();
        options.SampleShape = [2, 10, 10];
        using var twoChannels = new OnnxFeatureExtractor(net.Onnx(), options);
        Assert.ThrowsExactly<ArgumentException>(() => twoChannels.Extract(TestData.StandardNormal(2, 200, 1)));
        using var inferred = new OnnxFeatureExtractor(net.Onnx(), InceptionOptions());
        Assert.ThrowsExactly<ArgumentException>(() => inferred.Extract(TestData.StandardNormal(2, 5, 1)));
    }

    [TestMethod]
    public void Identity_CopiesSamples()
    {
        var samples = TestData.StandardNormal(4, 3, seed: 2);
        var result = new IdentityFeatureExtractor().Extract(samples);
        Assert.AreEqual(ClassScoreKind.None, result.ClassScoreKind);
        Assert.IsNull(result.ClassScores);
        for (int i = 0; i < samples.Length; i++)
        {
            CollectionAssert.AreEqual(samples[i], result.Features[i]);
            Assert.AreNotSame(samples[i], result.Features[i]);
        }
        Assert.ThrowsExactly<InvalidOperationException>(() => result.InceptionScore());
        Assert.ThrowsExactly<ArgumentException>(() => new IdentityFeatureExtractor().Extract([new float[2], new float[3]]));
    }

    private static void AssertClose(float[][] expected, float[][] actual, double relTol)
    {
        Assert.HasCount(expected.Length, actual);
        double max = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.HasCount(expected[i].Length, actual[i]);
            for (int j = 0; j < expected[i].Length; j++)
            {
                max = Math.Max(max, Math.Abs(expected[i][j] - actual[i][j]));
                scale = Math.Max(scale, Math.Abs(expected[i][j]));
            }
        }
        Assert.IsLessThanOrEqualTo(relTol * Math.Max(1, scale), max, $"max |ONNX − torch| = {max:G3} (scale {scale:G3})");
    }
}
