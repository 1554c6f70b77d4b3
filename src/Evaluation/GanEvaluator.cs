using Microsoft.ML;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation;

/// <summary>
/// <c>ml.Gan().Evaluate(real, generated, options)</c>: reads two vector columns, maps them to features,
/// and computes the requested metrics into a <see cref="GanMetrics"/>. The neural-net divergence trains a
/// fresh critic on the raw samples (not the features), so it runs only when requested.
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

        var result = new GanMetrics();
        if (metrics.HasFlag(GanMetricKinds.Mixture))
            result = result.WithMixture(MixtureMetrics.Compute(generated, options.MixtureTarget!, options.MixtureStdMultiplier, options.MixtureCoverageFraction));
        if (metrics.HasFlag(GanMetricKinds.Nnd))
            result = result with { Nnd = NeuralNetDivergence.Compute(real, generated, options.NeuralNetDivergence, options.Seed ?? seed) };
        if ((metrics & (GanMetricKinds.Fid | GanMetricKinds.Kid | GanMetricKinds.InceptionScore)) == 0) return result;

        var fake = extractor.Extract(generated);
        if (metrics.HasFlag(GanMetricKinds.InceptionScore))
        {
            var score = fake.InceptionScore(options.InceptionScoreSplits);
            result = result with { InceptionScore = score.Mean, InceptionScoreStd = score.Std };
        }
        if ((metrics & (GanMetricKinds.Fid | GanMetricKinds.Kid)) == 0) return result;

        var realFeatures = extractor.ExtractFeatures(real);
        if (metrics.HasFlag(GanMetricKinds.Fid))
            result = result with { Fid = FrechetDistance.Compute(realFeatures, fake.Features) };
        if (metrics.HasFlag(GanMetricKinds.Kid))
        {
            var kid = KernelInceptionDistance.Compute(realFeatures, fake.Features, options.KidSubsets, options.KidSubsetSize, options.Seed ?? seed);
            result = result with { Kid = kid.Mean, KidStd = kid.Std };
        }
        return result;
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
        if (o.Metrics is { } m && (m & ~(GanMetricKinds.Fid | GanMetricKinds.InceptionScore | GanMetricKinds.Kid | GanMetricKinds.Mixture | GanMetricKinds.Nnd)) != 0)
            throw new ArgumentOutOfRangeException(nameof(o.Metrics), m, "options.Metrics holds an unknown metric flag.");
        Guard.AtLeast(o.InceptionScoreSplits, 1, nameof(o.InceptionScoreSplits));
        Guard.AtLeast(o.KidSubsets, 1, nameof(o.KidSubsets));
        Guard.AtLeast(o.KidSubsetSize, 2, nameof(o.KidSubsetSize));
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
