using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation;

/// <summary>What <c>ml.Gan().Evaluate(real, generated, options)</c> reads and computes.</summary>
public sealed class GanEvaluationOptions
{
    /// <summary>Known-size vector&lt;float&gt; column of the real data, non-empty. Default "Features" (MlGan's data catalog).</summary>
    public string RealColumnName { get; set; } = GanDataCatalog.FeaturesColumn;

    /// <summary>Known-size vector&lt;float&gt; column of the generated data, non-empty. Default "Generated" (a generator transformer's output).</summary>
    public string GeneratedColumnName { get; set; } = "Generated";

    /// <summary>
    /// Metrics to compute, each instance with its own settings (e.g. <c>[new FidMetric(), new KidMetric(subsets: 10)]</c>,
    /// or by name: <c>GanMetricRegistry.Parse("fid,prdc")</c>); null: every metric that runs by default and that the
    /// other options allow (<see cref="GanMetric.RunsByDefault"/>: FID and KID always, IS when the extractor gives
    /// class scores, the mixture metrics when <see cref="MixtureTarget"/> is set). Precision/recall, density/coverage
    /// (O(N²) time) and the neural-net divergence (trains a network) run only when requested. Requesting a metric
    /// whose inputs are missing (IS without class scores, the mixture metrics without a target) is an error.
    /// </summary>
    public IReadOnlyList<GanMetric>? Metrics { get; set; }

    /// <summary>Maps samples to features for FID/KID (and class scores for IS); null (default): the samples themselves.</summary>
    public IFeatureExtractor? FeatureExtractor { get; set; }

    /// <summary>The Gaussian mixture the real data came from, for the mode metrics (computed on raw generated samples); null (default): none.</summary>
    public GaussianMixture? MixtureTarget { get; set; }

    /// <summary>Seed of the random metrics (KID subsets, the NND critic when its options give none); null (default): drawn from the MLContext seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Reads at most this many rows of each view, ≥ 1; null (default): all.</summary>
    public int? MaxRows { get; set; }
}
