using Microsoft.ML;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation;

/// <summary>
/// <c>ml.Gan().Evaluate(real, generated, options)</c>: reads two vector columns, maps them to features,
/// and computes the requested metrics into a <see cref="GanMetrics"/>, with one <see cref="MetricProvenance"/>
/// per metric family. The neural-net divergence trains a fresh critic on the raw samples (not the features), and
/// precision/recall and density/coverage take O(N²) time, so these run only when requested.
/// </summary>
public static class GanEvaluator
{
    /// <summary>Evaluates generated rows against real rows (see <see cref="GanEvaluationOptions"/> for columns and metrics).</summary>
    public static GanMetrics Evaluate(this GanCatalog catalog, IDataView real, IDataView generated, GanEvaluationOptions? options = null)
    {
        Guard.NotNull(catalog, nameof(catalog));
        Guard.NotNull(real, nameof(real));
        Guard.NotNull(generated, nameof(generated));
        options ??= new GanEvaluationOptions();
        Validate(options);
        var realRows = ReadRows(real, options.RealColumnName, nameof(options.RealColumnName), options.MaxRows);
        var generatedRows = ReadRows(generated, options.GeneratedColumnName, nameof(options.GeneratedColumnName), options.MaxRows);
        return Evaluate(realRows, generatedRows, options, options.Seed ?? catalog.NextSeed());
    }

    /// <summary>The same evaluation on in-memory rows (the CLI's route); <paramref name="seed"/> seeds KID and NND when options.Seed is null.</summary>
    public static GanMetrics Evaluate(float[][] real, float[][] generated, GanEvaluationOptions? options = null, int seed = 0)
    {
        Guard.NotNull(real, nameof(real));
        Guard.NotNull(generated, nameof(generated));
        options ??= new GanEvaluationOptions();
        Validate(options);
        if (real.Length > 0 && generated.Length > 0 && real[0]?.Length != generated[0]?.Length)
            throw new ArgumentException($"Real rows have {real[0]?.Length} values and generated rows {generated[0]?.Length}; both sets must come from the same space.", nameof(generated));
        var extractor = options.FeatureExtractor ?? new IdentityFeatureExtractor();
        var metrics = Resolve(options, extractor);
        int seedUsed = options.Seed ?? seed;

        var result = new GanMetrics();
        var provenance = new Dictionary<string, MetricProvenance>();
        var onRawSamples = new IdentityFeatureExtractor();
        int? rawDimension = generated.Length > 0 ? generated[0]?.Length : real.Length > 0 ? real[0]?.Length : null;
        if (metrics.HasFlag(GanMetricKinds.Mixture))
        {
            var target = options.MixtureTarget!;
            result = result.WithMixture(MixtureMetrics.Compute(generated, target, options.MixtureStdMultiplier, options.MixtureCoverageFraction));
            provenance[GanMetricNames.Mixture] = Record(onRawSamples, 0, generated.Length, rawDimension, null, new()
            {
                ["std_multiplier"] = options.MixtureStdMultiplier,
                ["coverage_fraction"] = options.MixtureCoverageFraction,
                ["mode_count"] = target.Means.Length,
            });
        }
        if (metrics.HasFlag(GanMetricKinds.Nnd))
        {
            var nnd = options.NeuralNetDivergence ?? new NeuralNetDivergenceOptions();
            result = result with { Nnd = NeuralNetDivergence.Compute(real, generated, options.NeuralNetDivergence, seedUsed) };
            provenance[GanMetricNames.Nnd] = Record(onRawSamples, real.Length, generated.Length, rawDimension, nnd.Seed ?? seedUsed, new()
            {
                ["critic"] = nnd.Critic.ToString().ToLowerInvariant(),
                ["steps"] = nnd.Steps,
                ["width"] = nnd.Width,
                ["hidden_layers"] = nnd.HiddenLayers,
                ["batch_size"] = nnd.BatchSize,
                ["train_fraction"] = nnd.TrainFraction,
                ["learning_rate"] = nnd.LearningRate,
                ["lambda"] = nnd.Lambda,
            });
        }
        if ((metrics & (OnFeatures | GanMetricKinds.InceptionScore)) == 0) return Finish(result, provenance);

        var fake = extractor.Extract(generated);
        if (metrics.HasFlag(GanMetricKinds.InceptionScore))
        {
            var score = fake.InceptionScore(options.InceptionScoreSplits);
            result = result with { InceptionScore = score.Mean, InceptionScoreStd = score.Std };
            provenance[GanMetricNames.InceptionScore] = Record(extractor, 0, generated.Length, fake.ClassScores?.FirstOrDefault()?.Length, null, new()
            {
                ["splits"] = options.InceptionScoreSplits,
                ["class_scores"] = fake.ClassScoreKind.ToString().ToLowerInvariant(),
            });
        }
        if ((metrics & OnFeatures) == 0) return Finish(result, provenance);

        var realFeatures = extractor.ExtractFeatures(real);
        int? d = realFeatures.Length > 0 ? realFeatures[0]?.Length : null;
        MetricProvenance OnFeaturesRecord(Dictionary<string, object> parameters, int? metricSeed = null, List<string>? warnings = null) =>
            Record(extractor, realFeatures.Length, fake.Features.Length, d, metricSeed, parameters, warnings);
        if (metrics.HasFlag(GanMetricKinds.Fid))
        {
            var fid = FrechetDistance.ComputeDetailed(realFeatures, fake.Features);
            result = result with { Fid = fid.Value };
            provenance[GanMetricNames.Fid] = OnFeaturesRecord(new()
            {
                ["sqrt_route"] = fid.SqrtRoute,
                ["smallest_eigenvalue"] = fid.SmallestEigenvalue,
                ["clipped_negative_mass"] = fid.ClippedNegativeMass,
            }, warnings: FewerSamplesThanDimensions(realFeatures.Length, fake.Features.Length, d ?? 0, (side, n) =>
                $"FID with {side} N = {n} < d = {d} features: the {side} covariance is singular; the value is biased and not comparable with published numbers."));
        }
        if (metrics.HasFlag(GanMetricKinds.Kid))
        {
            var kid = KernelInceptionDistance.Compute(realFeatures, fake.Features, options.KidSubsets, options.KidSubsetSize, seedUsed);
            result = result with { Kid = kid.Mean, KidStd = kid.Std };
            provenance[GanMetricNames.Kid] = OnFeaturesRecord(new()
            {
                ["subsets"] = options.KidSubsets,
                // The size KID actually drew: the request capped by both sample counts.
                ["subset_size"] = Math.Min(options.KidSubsetSize, Math.Min(realFeatures.Length, fake.Features.Length)),
            }, seedUsed, FewerSamplesThanDimensions(realFeatures.Length, fake.Features.Length, d ?? 0, (side, n) =>
                $"KID with {side} N = {n} < d = {d} features: the estimate stays unbiased but its variance is large (see KidStd) and it is not comparable with published numbers."));
        }
        if (metrics.HasFlag(GanMetricKinds.PrecisionRecall))
        {
            var pr = PrecisionRecall.Compute(realFeatures, fake.Features, options.PrecisionRecallK);
            result = result with { Precision = pr.Precision, Recall = pr.Recall };
            provenance[GanMetricNames.PrecisionRecall] = OnFeaturesRecord(new() { ["k"] = options.PrecisionRecallK });
        }
        if (metrics.HasFlag(GanMetricKinds.DensityCoverage))
        {
            var dc = DensityCoverage.Compute(realFeatures, fake.Features, options.DensityCoverageK);
            result = result with { Density = dc.Density, Coverage = dc.Coverage };
            provenance[GanMetricNames.DensityCoverage] = OnFeaturesRecord(new() { ["k"] = options.DensityCoverageK });
        }
        return Finish(result, provenance);
    }

    /// <summary>The metrics computed on extracted features of both sets.</summary>
    private const GanMetricKinds OnFeatures =
        GanMetricKinds.Fid | GanMetricKinds.Kid | GanMetricKinds.PrecisionRecall | GanMetricKinds.DensityCoverage;

    private const GanMetricKinds Known = OnFeatures | GanMetricKinds.InceptionScore | GanMetricKinds.Mixture | GanMetricKinds.Nnd;

    /// <summary>The metrics with their provenance, listed in <see cref="GanMetricNames.All"/>'s order (computation order differs).</summary>
    private static GanMetrics Finish(GanMetrics result, Dictionary<string, MetricProvenance> provenance) =>
        result with
        {
            Provenance = GanMetricNames.All.Where(provenance.ContainsKey).ToDictionary(name => name, name => provenance[name]),
        };

    private static MetricProvenance Record(IFeatureExtractor extractor, int realCount, int fakeCount, int? dimension, int? seed,
        Dictionary<string, object> parameters, List<string>? warnings = null) => new()
        {
            Extractor = extractor.Name,
            ExtractorSha256 = extractor.Sha256,
            Preprocessing = extractor.Preprocessing,
            RealCount = realCount,
            FakeCount = fakeCount,
            FeatureDimension = dimension,
            Seed = seed,
            Parameters = parameters,
            Warnings = warnings ?? [],
        };

    /// <summary>One warning, message(side, N), per side ("real", "generated") with fewer samples N than feature dimensions d.</summary>
    private static List<string> FewerSamplesThanDimensions(int realCount, int fakeCount, int d, Func<string, int, string> message)
    {
        var warnings = new List<string>();
        foreach (var (side, n) in new[] { ("real", realCount), ("generated", fakeCount) })
            if (n < d) warnings.Add(message(side, n));
        return warnings;
    }

    /// <summary>The metrics to compute: the request, checked against what the options make possible, or every possible one.</summary>
    public static GanMetricKinds Resolve(GanEvaluationOptions options, IFeatureExtractor extractor)
    {
        Guard.NotNull(options, nameof(options));
        Guard.NotNull(extractor, nameof(extractor));
        bool hasScores = extractor.ClassScores != ClassScoreKind.None, hasTarget = options.MixtureTarget is not null;
        if (options.Metrics is not { } requested)
            return GanMetricKinds.Fid | GanMetricKinds.Kid
                | (hasScores ? GanMetricKinds.InceptionScore : 0) | (hasTarget ? GanMetricKinds.Mixture : 0);
        if (requested == GanMetricKinds.None)
            throw new ArgumentException("options.Metrics is None; request at least one metric (or leave it null for all applicable).", nameof(options));
        if (requested.HasFlag(GanMetricKinds.InceptionScore) && !hasScores)
            throw new ArgumentException($"The Inception score needs class scores, but the feature extractor '{extractor.Name}' gives none; use a classifier net with a logits output.", nameof(options));
        if (requested.HasFlag(GanMetricKinds.Mixture) && !hasTarget)
            throw new ArgumentException("The mixture metrics need options.MixtureTarget (the Gaussian mixture the real data came from).", nameof(options));
        return requested;
    }

    private static void Validate(GanEvaluationOptions o)
    {
        if (o.Metrics is { } m && (m & ~Known) != 0)
            throw new ArgumentOutOfRangeException(nameof(o.Metrics), m, "options.Metrics holds an unknown metric flag.");
        Guard.AtLeast(o.InceptionScoreSplits, 1, nameof(o.InceptionScoreSplits));
        Guard.AtLeast(o.KidSubsets, 1, nameof(o.KidSubsets));
        Guard.AtLeast(o.KidSubsetSize, 2, nameof(o.KidSubsetSize));
        Guard.Positive(o.PrecisionRecallK, nameof(o.PrecisionRecallK));
        Guard.Positive(o.DensityCoverageK, nameof(o.DensityCoverageK));
        o.NeuralNetDivergence?.Validate();
        if (o.MaxRows is { } max) Guard.Positive(max, nameof(o.MaxRows));
        if (string.IsNullOrWhiteSpace(o.RealColumnName)) throw new ArgumentException("options.RealColumnName must be non-empty.", nameof(o.RealColumnName));
        if (string.IsNullOrWhiteSpace(o.GeneratedColumnName)) throw new ArgumentException("options.GeneratedColumnName must be non-empty.", nameof(o.GeneratedColumnName));
    }

    private static float[][] ReadRows(IDataView data, string column, string option, int? maxRows)
    {
        int size;
        try
        {
            size = VectorColumn.Validate(data.Schema, column);
        }
        catch (ArgumentException ex)
        {
            var columns = string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => $"{c.Name} ({c.Type})"));
            throw new ArgumentException($"{ex.Message} Set options.{option}; the view has: {columns}.", option, ex);
        }
        var flat = VectorColumn.ReadAll(data, column, size, maxRows);
        var rows = new float[flat.Length / size][];
        for (int i = 0; i < rows.Length; i++) rows[i] = flat.AsSpan(i * size, size).ToArray();
        return rows;
    }
}
