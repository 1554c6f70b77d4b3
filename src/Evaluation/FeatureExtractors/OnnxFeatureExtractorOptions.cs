namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>
/// How an ONNX network is fed and read by <see cref="OnnxFeatureExtractor"/>. Samples are flat vectors of
/// shape <see cref="SampleShape"/> (C, H, W); each is brought to the network's [C', H', W'] input by
/// channel replication (C = 1, C' = 3), resizing (<see cref="Resize"/>) and per-channel normalisation
/// x' = x·<see cref="Scale"/>[c] + <see cref="Shift"/>[c], in that order, then run in batches.
/// </summary>
public sealed class OnnxFeatureExtractorOptions
{
    /// <summary>
    /// A named preset that fixes the resize, input size and normalisation (<see cref="FeaturePreprocessing.PytorchFid"/>);
    /// with a preset, <see cref="InputSize"/>, <see cref="Scale"/> and <see cref="Shift"/> must stay unset. Default
    /// <see cref="FeaturePreprocessing.Custom"/> (the options below as set).
    /// </summary>
    public FeaturePreprocessing Preprocessing { get; set; } = FeaturePreprocessing.Custom;


    /// <summary>The image input [N, C, H, W]; null (default): the model's only input.</summary>
    public string? InputName { get; set; }

    /// <summary>The feature output [N, d] or [N, d, 1, 1, ...] (flattened per sample); null (default): the model's first output.</summary>
    public string? FeaturesOutputName { get; set; }

    /// <summary>An optional classifier output [N, classes] for the Inception score; null (default): none.</summary>
    public string? ClassScoresOutputName { get; set; }

    /// <summary>What <see cref="ClassScoresOutputName"/> holds. Default <see cref="ClassScoreKind.Logits"/>.</summary>
    public ClassScoreKind ClassScoreKind { get; set; } = ClassScoreKind.Logits;

    /// <summary>(C, H, W) of a sample, sizes ≥ 1; null (default): inferred from the sample length (the input's own shape, else C = 1 or 3 and H = W).</summary>
    public int[]? SampleShape { get; set; }

    /// <summary>How samples reach the input's height and width. Default <see cref="ResizeMode.Bilinear"/>.</summary>
    public ResizeMode Resize { get; set; } = ResizeMode.Bilinear;

    /// <summary>(H, W) to feed when the model's input height/width are symbolic, both ≥ 1; null (default): the sample's own size.</summary>
    public int[]? InputSize { get; set; }

    /// <summary>Per-channel multipliers (one per input channel, or one for all); null (default): 1.</summary>
    public float[]? Scale { get; set; }

    /// <summary>Per-channel offsets added after scaling (one per input channel, or one for all); null (default): 0.</summary>
    public float[]? Shift { get; set; }

    /// <summary>Samples per ONNX Runtime call, ≥ 1. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// The options a preset stands for (a copy; <see cref="Preprocessing"/> becomes Custom): pytorch-fid =
    /// bilinear to 299×299, x·2 − 1. Custom options come back unchanged (as a copy).
    /// </summary>
    public OnnxFeatureExtractorOptions Resolved()
    {
        var copy = (OnnxFeatureExtractorOptions)MemberwiseClone();
        if (Preprocessing == FeaturePreprocessing.Custom) return copy;
        if (InputSize is not null || Scale is not null || Shift is not null)
            throw new ArgumentException($"options.Preprocessing = {Preprocessing} fixes InputSize, Scale and Shift; leave them unset (or use Custom).", "options");
        copy.Preprocessing = FeaturePreprocessing.Custom;
        copy.Resize = ResizeMode.Bilinear;
        copy.InputSize = [FeaturePreprocessingNames.PytorchFidSide, FeaturePreprocessingNames.PytorchFidSide];
        copy.Scale = [2f];
        copy.Shift = [-1f];
        return copy;
    }
}
