namespace MlGan.Evaluation.Streaming;

/// <summary>How <see cref="FeatureStream"/> reads, extracts and keeps features.</summary>
public sealed class FeatureStreamOptions
{
    /// <summary>Samples loaded and run through the extractor together. Default 64 (range ≥ 1).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Keep every feature row (KID, precision/recall need them); false: only the running moments (O(d²) memory). Default false.</summary>
    public bool KeepFeatures { get; set; }

    /// <summary>Keep the class scores (for the Inception score) when the extractor gives them. Default false.</summary>
    public bool KeepClassScores { get; set; }

    /// <summary>Skip samples that cannot be loaded (counted and named in the result) instead of stopping. Default false.</summary>
    public bool SkipBad { get; set; }

    /// <summary>Threads that load (decode, resize) samples while the extractor runs the previous batch, ≥ 1. Default: the processor count.</summary>
    public int LoadThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Batches loaded ahead of the extractor. Default 2 (range ≥ 1).</summary>
    public int Prefetch { get; set; } = 2;
}
