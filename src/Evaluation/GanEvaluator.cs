using Microsoft.ML;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Evaluation;

/// <summary>
/// <c>ml.Gan().Evaluate(real, generated, options)</c>: reads two vector columns, builds a
/// <see cref="GanMetricContext"/> (features extracted once, on first use) and runs the requested
/// <see cref="GanMetric"/>s into a <see cref="GanMetrics"/>, with one <see cref="MetricProvenance"/> per metric.
/// <see cref="Evaluate(GanMetricContext, IReadOnlyList{GanMetric})"/> does the same on a context built elsewhere
/// (the CLI's streamed statistics and kept rows), so every route composes metrics the same way.
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

    /// <summary>The same evaluation on in-memory rows; <paramref name="seed"/> seeds the random metrics when options.Seed is null.</summary>
    public static GanMetrics Evaluate(float[][] real, float[][] generated, GanEvaluationOptions? options = null, int seed = 0)
    {
        Guard.NotNull(real, nameof(real));
        Guard.NotNull(generated, nameof(generated));
        options ??= new GanEvaluationOptions();
        Validate(options);
        if (real.Length > 0 && generated.Length > 0 && real[0]?.Length != generated[0]?.Length)
            throw new ArgumentException($"Real rows have {real[0]?.Length} values and generated rows {generated[0]?.Length}; both sets must come from the same space.", nameof(generated));
        var extractor = options.FeatureExtractor ?? new IdentityFeatureExtractor();
        var context = new GanMetricContext(GanMetricSide.FromSamples(real, extractor), GanMetricSide.FromSamples(generated, extractor),
            options.Seed ?? seed, options.MixtureTarget);
        return Evaluate(context, options.Metrics);
    }

    /// <summary>
    /// Runs <paramref name="metrics"/> (null: the default ones the context allows; see <see cref="GanMetricRegistry.Select"/>)
    /// on <paramref name="context"/>, in registry order, each value under its name and each metric's provenance under its key.
    /// </summary>
    public static GanMetrics Evaluate(GanMetricContext context, IReadOnlyList<GanMetric>? metrics = null)
    {
        Guard.NotNull(context, nameof(context));
        var values = new Dictionary<string, double>();
        var provenance = new Dictionary<string, MetricProvenance>();
        foreach (var metric in GanMetricRegistry.Select(metrics, context.Available))
        {
            var result = metric.Compute(context)
                ?? throw new InvalidOperationException($"The metric '{metric.Key}' returned no result.");
            foreach (var (name, value) in result.Values)
            {
                if (!metric.ValueNames.Contains(name))
                    throw new InvalidOperationException($"The metric '{metric.Key}' returned a value '{name}' it does not declare; its ValueNames are {string.Join(", ", metric.ValueNames)}.");
                if (!values.TryAdd(name, value))
                    throw new InvalidOperationException($"The value '{name}' of metric '{metric.Key}' was already produced by another metric (or twice by this one); value names must be unique.");
            }
            provenance[metric.Key] = Provenance(metric.Needs, result, context);
        }
        return new GanMetrics { Values = values, Provenance = provenance };
    }

    /// <summary>
    /// The provenance of a result: what the metric read, by its needs (features or their statistics, else the generated
    /// class scores, else raw samples), plus the metric's own parameters, warnings and seed.
    /// </summary>
    private static MetricProvenance Provenance(GanMetricInputs needs, GanMetricResult result, GanMetricContext context)
    {
        var (real, generated) = (context.Real, context.Generated);
        FeatureOrigin origin;
        int? realCount, fakeCount, dimension;
        if ((needs & (GanMetricInputs.FeatureStatistics | GanMetricInputs.Features)) != 0)
            (origin, realCount, fakeCount, dimension) = (context.FeatureOrigin, ToInt(real.Count), ToInt(generated.Count), generated.FeatureDimension ?? real.FeatureDimension);
        else if (needs.HasFlag(GanMetricInputs.GeneratedClassScores))
            (origin, realCount, fakeCount, dimension) = (context.FeatureOrigin, 0, ToInt(generated.Count), generated.Extraction.ClassScores?.FirstOrDefault()?.Length);
        else
        {
            // Raw samples: of both sides (Samples), of the generated side (GeneratedSamples), or none.
            var realRows = needs.HasFlag(GanMetricInputs.Samples) ? real.Samples : null;
            var fakeRows = needs.HasFlag(GanMetricInputs.Samples) || needs.HasFlag(GanMetricInputs.GeneratedSamples) ? generated.Samples : null;
            (origin, realCount, fakeCount, dimension) = (FeatureOrigin.RawSamples, realRows?.Length ?? 0, fakeRows?.Length ?? 0,
                (fakeRows ?? realRows)?.FirstOrDefault()?.Length);
        }
        return new MetricProvenance
        {
            Extractor = origin.Extractor,
            ExtractorSha256 = origin.ExtractorSha256,
            Preprocessing = origin.Preprocessing,
            RealCount = realCount,
            FakeCount = fakeCount,
            FeatureDimension = dimension,
            Seed = result.Seed,
            Parameters = result.Parameters,
            Warnings = result.Warnings,
        };
    }

    private static int? ToInt(long? count) => count is { } n ? checked((int)n) : null;

    private static void Validate(GanEvaluationOptions o)
    {
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
