using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Data;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Scoring;

/// <summary>
/// The <c>--features</c> choice shared by <c>mlgan score</c> and <c>mlgan stats</c>: unset means MlGan's shipped
/// Fashion-MNIST net (models/fashion-mnist-features.onnx) for 784-d samples and 28×28 images, and the raw samples
/// otherwise; <c>identity</c> forces raw samples; <c>fashion-mnist</c> the shipped net; any other value is an ONNX file.
/// </summary>
internal static class FeatureNets
{
    public const string Syntax = "identity | fashion-mnist | NET.onnx (default: fashion-mnist for 784-d samples / 28×28 images, else identity)";

    /// <summary>The extractor for <paramref name="spec"/>; <paramref name="unitRangeImages"/>: samples are images in [0, 1].</summary>
    public static IFeatureExtractor Resolve(string? spec, int sampleDimension,
        string? inputName = null, string? featuresOutput = null, string? logitsOutput = null,
        FeaturePreprocessing preprocessing = FeaturePreprocessing.Custom, bool unitRangeImages = false)
    {
        switch (spec?.ToLowerInvariant())
        {
            case null when sampleDimension == FashionMnist.Pixels:
            case "fashion-mnist":
                RejectPreset(preprocessing, "the shipped Fashion-MNIST net");
                // The shipped net was trained on [-1, 1] pixels (the range of fashion-mnist sources and tanh generators).
                if (!unitRangeImages) return OnnxFeatureExtractor.FashionMnist();
                var options = OnnxFeatureExtractor.FashionMnistOptions();
                options.Scale = [2f];
                options.Shift = [-1f];
                return OnnxFeatureExtractor.FashionMnist(options);
            case null:
            case "identity" or "none" or "raw":
                RejectPreset(preprocessing, "identity features");
                return new IdentityFeatureExtractor();
        }
        if (!File.Exists(spec)) throw new FileNotFoundException($"Feature net '{spec}' does not exist; expected {Syntax}.", spec);
        // MlGan's own feature nets name their outputs "features" and "logits": use them unless told otherwise.
        var outputs = OnnxModelFile.Load(spec).Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return new OnnxFeatureExtractor(spec, new OnnxFeatureExtractorOptions
        {
            InputName = inputName,
            FeaturesOutputName = featuresOutput ?? (outputs.Contains("features") ? "features" : null),
            ClassScoresOutputName = logitsOutput ?? (outputs.Contains("logits") ? "logits" : null),
            Preprocessing = preprocessing,
        });
    }

    private static void RejectPreset(FeaturePreprocessing preprocessing, string what)
    {
        if (preprocessing != FeaturePreprocessing.Custom)
            throw new ArgumentException($"--preprocess {FeaturePreprocessingNames.PytorchFid} feeds an Inception-like ONNX net ([N, 3, 299, 299]); it does not apply to {what}. Give --features NET.onnx.", "--preprocess");
    }
}
