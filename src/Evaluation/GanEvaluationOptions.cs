using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation;

/// <summary>What <c>ml.Gan().Evaluate(real, generated, options)</c> reads and computes.</summary>
public sealed class GanEvaluationOptions
{
    /// <summary>Vector&lt;float&gt; column of the real data. Default "Features" (MlGan's data catalog).</summary>
    public string RealColumnName { get; set; } = GanDataCatalog.FeaturesColumn;

    /// <summary>Vector&lt;float&gt; column of the generated data. Default "Generated" (a generator transformer's output).</summary>
    public string GeneratedColumnName { get; set; } = "Generated";

    /// <summary>
    /// Metrics to compute; null: every metric the other options allow (FID and KID always, IS when the
    /// extractor gives class scores, the mixture metrics when <see cref="MixtureTarget"/> is set). Three are
    /// computed only when requested: the neural-net divergence trains a network, and precision/recall and
    /// density/coverage take O(N²) time (all pairwise feature distances).
    /// Requesting IS without class scores or the mixture metrics without a target is an error.
    /// </summary>
    public GanMetricKinds? Metrics { get; set; }

    /// <summary>Maps samples to features for FID/KID (and class scores for IS); null: the samples themselves.</summary>
    public IFeatureExtractor? FeatureExtractor { get; set; }

    /// <summary>The Gaussian mixture the real data came from, for the mode metrics (computed on raw generated samples).</summary>
    public GaussianMixture? MixtureTarget { get; set; }

    /// <summary>k of the k·σ high-quality radius. Default 3.</summary>
    public double MixtureStdMultiplier { get; set; } = MixtureMetrics.DefaultStdMultiplier;

    /// <summary>Share of a perfect generator's count that makes a mode covered. Default 0.01.</summary>
    public double MixtureCoverageFraction { get; set; } = MixtureMetrics.DefaultCoverageFraction;

    /// <summary>Inception-score splits. Default 10.</summary>
    public int InceptionScoreSplits { get; set; } = InceptionScore.DefaultSplits;

    /// <summary>KID subsets. Default 100.</summary>
    public int KidSubsets { get; set; } = KernelInceptionDistance.DefaultSubsets;

    /// <summary>KID subset size (capped by the sample counts). Default 1000.</summary>
    public int KidSubsetSize { get; set; } = KernelInceptionDistance.DefaultSubsetSize;

    /// <summary>k of the k-NN balls of improved precision and recall (Kynkäänniemi et al.). Default 3.</summary>
    public int PrecisionRecallK { get; set; } = PrecisionRecall.DefaultK;

    /// <summary>k of the k-NN balls of density and coverage (Naeem et al.). Default 5.</summary>
    public int DensityCoverageK { get; set; } = DensityCoverage.DefaultK;

    /// <summary>Critic and training of the neural-net divergence; null: defaults. Its Seed, when null, falls back to <see cref="Seed"/>.</summary>
    public NeuralNetDivergenceOptions? NeuralNetDivergence { get; set; }

    /// <summary>Seed of the KID subsets and the NND critic; null: drawn from the MLContext seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Reads at most this many rows of each view; null: all.</summary>
    public int? MaxRows { get; set; }
}
