using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms;

namespace MlGan.Evaluation;

/// <summary>
/// FID against one fixed real set whose feature statistics are computed once: what FID during training needs, where the
/// same reference is scored against a new batch of generated samples every few hundred steps. Wire it into a trainer
/// as <c>new TrainingEvaluation { Name = "fid", Every = n, Evaluate = s =&gt; reference.Score(s.Generate(m, seed)) }</c>.
/// </summary>
public sealed class FidReference
{
    private readonly IFeatureExtractor _extractor;

    /// <summary>A reference from statistics already computed with <paramref name="extractor"/> (e.g. loaded from a file).</summary>
    /// <param name="extractor">The feature net that produced <paramref name="real"/> and will see the generated samples.</param>
    /// <param name="real">Moments of the real set's features.</param>
    public FidReference(IFeatureExtractor extractor, FeatureStatistics real)
    {
        _extractor = Guard.NotNull(extractor, nameof(extractor));
        Real = Guard.NotNull(real, nameof(real));
    }

    /// <summary>A reference from real samples (flat rows in the generator's value range): their features' moments.</summary>
    /// <exception cref="ArgumentException">Fewer than two samples.</exception>
    public static FidReference FromSamples(IFeatureExtractor extractor, IReadOnlyList<float[]> real)
    {
        Guard.NotNull(extractor, nameof(extractor));
        Guard.NotNull(real, nameof(real));
        if (real.Count < 2) throw new ArgumentException($"FID needs at least 2 real samples; got {real.Count}.", nameof(real));
        return new FidReference(extractor, FeatureStatistics.FromFeatures(extractor.ExtractFeatures(real)));
    }

    /// <summary>The real set's feature moments.</summary>
    public FeatureStatistics Real { get; }

    /// <summary>The feature net (its name for logs).</summary>
    public string ExtractorName => _extractor.Name;

    /// <summary>FID of <paramref name="samples"/> (≥ 2 flat rows) against the real statistics.</summary>
    public double Score(IReadOnlyList<float[]> samples)
    {
        Guard.NotNull(samples, nameof(samples));
        if (samples.Count < 2) throw new ArgumentException($"FID needs at least 2 generated samples; got {samples.Count}.", nameof(samples));
        return FrechetDistance.Compute(_extractor.ExtractFeatures(samples), Real);
    }
}
