namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>A named preprocessing preset of <see cref="OnnxFeatureExtractorOptions"/>.</summary>
public enum FeaturePreprocessing
{
    /// <summary>The options' own <c>Resize</c>, <c>InputSize</c>, <c>Scale</c> and <c>Shift</c>, as set.</summary>
    Custom,

    /// <summary>
    /// pytorch-fid's pipeline: samples are 8-bit RGB images scaled by 1/255 (CHW in [0, 1]); they are resized
    /// bilinearly to 299×299 (align_corners = false, no antialiasing) and mapped to 2x − 1 before a net with input
    /// [N, 3, 299, 299]. With pytorch-fid's FID-Inception weights exported to ONNX this gives its FID exactly.
    /// </summary>
    PytorchFid,
}

/// <summary>Names of the presets as the CLI, statistics files and score provenance spell them.</summary>
public static class FeaturePreprocessingNames
{
    /// <summary>"pytorch-fid".</summary>
    public const string PytorchFid = "pytorch-fid";

    /// <summary>"none": samples reach the net as they are (no resize, scale or shift).</summary>
    public const string None = "none";

    /// <summary>The image side pytorch-fid's Inception takes.</summary>
    public const int PytorchFidSide = 299;

    /// <summary>Parses "pytorch-fid" / "none" / "custom" (case-insensitive).</summary>
    public static FeaturePreprocessing Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        PytorchFid or "pytorch_fid" or "pytorchfid" => FeaturePreprocessing.PytorchFid,
        None or "custom" => FeaturePreprocessing.Custom,
        _ => throw new ArgumentException($"Unknown preprocessing preset '{text}'; expected {PytorchFid} or {None}.", nameof(text)),
    };
}
