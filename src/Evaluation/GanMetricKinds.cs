namespace MlGan.Evaluation;

/// <summary>Which metrics <see cref="GanEvaluator"/> computes (combinable flags).</summary>
[Flags]
public enum GanMetricKinds
{
    /// <summary>No metric (not a valid request).</summary>
    None = 0,
    /// <summary>Fréchet distance of features (FID with an Inception-like feature net).</summary>
    Fid = 1,
    /// <summary>Inception score of the generated samples (needs a feature extractor with class scores).</summary>
    InceptionScore = 2,
    /// <summary>Kernel Inception Distance of features.</summary>
    Kid = 4,
    /// <summary>Modes covered, high-quality rate and mode KL (needs a Gaussian-mixture target).</summary>
    Mixture = 8,
    /// <summary>Neural-net divergence: a fresh WGAN-GP critic's held-out Wasserstein estimate (on raw samples; never implied by null Metrics).</summary>
    Nnd = 16,
    /// <summary>Improved precision and recall (k-NN balls of features; O(N²) time, so never implied by null Metrics).</summary>
    PrecisionRecall = 32,
    /// <summary>Density and coverage (k-NN balls of real features; O(N²) time, so never implied by null Metrics).</summary>
    DensityCoverage = 64,
}
