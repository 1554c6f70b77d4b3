namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>How samples are brought to the network's input height and width.</summary>
public enum ResizeMode
{
    /// <summary>Samples must already have the input size; a mismatch is an error.</summary>
    None,
    /// <summary>Bilinear with half-pixel centres and no antialiasing: PyTorch's <c>interpolate(mode: bilinear, align_corners: false)</c>.</summary>
    Bilinear,
}
