using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Data;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Scoring;

/// <summary>
/// The <c>--features</c> choice shared by <c>mlgan score</c> and <c>mlgan stats</c>: unset means MlGan's shipped
/// Fashion-MNIST net (models/fashion-mnist-features.onnx) for 784-d samples and the raw samples otherwise;
/// <c>identity</c> forces raw samples; <c>fashion-mnist</c> the shipped net; any other value is an ONNX file.
/// </summary>
internal static class FeatureNets
{
    public const string Syntax = "identity | fashion-mnist | NET.onnx (default: fashion-mnist for 784-d samples, else identity)";

    public static IFeatureExtractor Resolve(string? spec, int sampleDimension,
        string? inputName = null, string? featuresOutput = null, string? logitsOutput = null)
    {
        switch (spec?.ToLowerInvariant())
        {
            case null:
                return sampleDimension == FashionMnist.Pixels ? OnnxFeatureExtractor.FashionMnist() : new IdentityFeatureExtractor();
            case "identity" or "none" or "raw":
                return new IdentityFeatureExtractor();
            case "fashion-mnist":
                return OnnxFeatureExtractor.FashionMnist();
        }
        if (!File.Exists(spec)) throw new FileNotFoundException($"Feature net '{spec}' does not exist; expected {Syntax}.", spec);
        // MlGan's own feature nets name their outputs "features" and "logits": use them unless told otherwise.
        var outputs = OnnxModelFile.Load(spec).Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var options = new OnnxFeatureExtractorOptions
        {
            InputName = inputName,
            FeaturesOutputName = featuresOutput ?? (outputs.Contains("features") ? "features" : null),
            ClassScoresOutputName = logitsOutput ?? (outputs.Contains("logits") ? "logits" : null),
        };
        return new OnnxFeatureExtractor(spec, options);
    }
}
