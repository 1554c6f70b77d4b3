namespace MlGan.Evaluation.Metrics;

/// <summary>
/// The metrics MlGan knows by name: the built-in ones (FID, Inception score, KID, precision/recall,
/// density/coverage, neural-net divergence, mixture modes), then those registered with <see cref="Register"/>,
/// in that order, which is the order of <see cref="GanMetrics"/> and of <c>mlgan score</c>'s output. Names
/// (keys and aliases) are what <c>mlgan score --metrics</c> and <see cref="Parse"/> accept. Thread-safe.
/// </summary>
public static class GanMetricRegistry
{
    private static readonly Lock Gate = new();
    private static IReadOnlyList<GanMetric> _all = Array.AsReadOnly<GanMetric>(
    [
        new FidMetric(),
        new InceptionScoreMetric(),
        new KidMetric(),
        new PrecisionRecallMetric(),
        new DensityCoverageMetric(),
        new NeuralNetDivergenceMetric(),
        new MixtureModesMetric(),
    ]);

    /// <summary>Every known metric with its default settings, built-in ones first.</summary>
    public static IReadOnlyList<GanMetric> All => Volatile.Read(ref _all);

    /// <summary>Every name <see cref="Resolve"/> accepts: each metric's key, then its aliases, without repeats.</summary>
    public static IReadOnlyList<string> Names => [.. All.SelectMany(m => m.Aliases.Prepend(m.Key)).Distinct()];

    /// <summary>
    /// Makes <paramref name="metric"/> known by its key and aliases; naming it gives this instance (with its settings).
    /// ArgumentException when its key is a known metric's key or alias, an alias of it is a known key, or a value name
    /// of it is a known metric's (aliases may be shared: a shared alias names a group).
    /// </summary>
    public static void Register(GanMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        lock (Gate)
        {
            foreach (var known in _all)
            {
                if (known.Key == metric.Key || known.Aliases.Contains(metric.Key) || metric.Aliases.Contains(known.Key))
                    throw new ArgumentException($"The metric name '{metric.Key}' clashes with the known metric '{known.Key}'; choose another key or alias.", nameof(metric));
                if (known.ValueNames.Intersect(metric.ValueNames).FirstOrDefault() is { } value)
                    throw new ArgumentException($"The value name '{value}' of metric '{metric.Key}' is already produced by '{known.Key}'; value names must be unique.", nameof(metric));
            }
            Volatile.Write(ref _all, Array.AsReadOnly([.. _all, metric]));
        }
    }

    /// <summary>The metrics one name stands for (case-insensitive): the metric with that key, or every metric with that alias; empty when unknown.</summary>
    public static IReadOnlyList<GanMetric> Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string lower = name.Trim().ToLowerInvariant();
        var all = All;
        return all.FirstOrDefault(m => m.Key == lower) is { } byKey ? [byKey] : [.. all.Where(m => m.Aliases.Contains(lower))];
    }

    /// <summary>The metrics a comma-separated list of names stands for (e.g. "fid,kid,prdc"), each once, in registry order.</summary>
    public static IReadOnlyList<GanMetric> Parse(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var metrics = new List<GanMetric>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = Resolve(name);
            if (found.Count == 0)
                throw new ArgumentException($"Unknown metric '{name}' in \"{names}\"; known names: {string.Join(", ", Names)}.", nameof(names));
            metrics.AddRange(found.Except(metrics));
        }
        if (metrics.Count == 0) throw new ArgumentException($"\"{names}\" names no metric; known names: {string.Join(", ", Names)}.", nameof(names));
        return InRegistryOrder(metrics);
    }

    /// <summary>
    /// The metrics to run on a context that can give <paramref name="available"/>: with <paramref name="requested"/>
    /// null, every metric that runs by default and whose needs are available; otherwise the requested ones, in
    /// registry order (unregistered ones last, as given), each checked: ArgumentException, naming the metric and what
    /// it lacks, when its needs are not available, and when two share a key.
    /// </summary>
    public static IReadOnlyList<GanMetric> Select(IReadOnlyList<GanMetric>? requested, GanMetricInputs available)
    {
        if (requested is null) return [.. All.Where(m => m.RunsByDefault && (m.Needs & ~available) == 0)];
        if (requested.Count == 0) throw new ArgumentException("No metric is requested; request at least one (or pass null for the default ones).", nameof(requested));
        var keys = new HashSet<string>();
        foreach (var metric in requested)
        {
            if (metric is null) throw new ArgumentException("The requested metrics hold a null entry.", nameof(requested));
            if (!keys.Add(metric.Key)) throw new ArgumentException($"The metric '{metric.Key}' is requested twice.", nameof(requested));
            if ((metric.Needs & ~available) is var missing and not GanMetricInputs.None)
                throw new ArgumentException($"The metric '{metric.Key}' needs {Describe(missing)}.", nameof(requested));
        }
        return InRegistryOrder(requested);
    }

    private static List<GanMetric> InRegistryOrder(IEnumerable<GanMetric> metrics)
    {
        var keys = All.Select(m => m.Key).ToList();
        int Rank(GanMetric m) => keys.IndexOf(m.Key) is var i and >= 0 ? i : int.MaxValue;
        return [.. metrics.OrderBy(Rank)]; // stable: unregistered metrics keep their order
    }

    /// <summary>What the missing inputs are, in words that say how to supply them.</summary>
    private static string Describe(GanMetricInputs missing) => string.Join("; and ", new (GanMetricInputs Input, string Text)[]
    {
        (GanMetricInputs.FeatureStatistics, "the feature statistics (mean and covariance) of both sides"),
        (GanMetricInputs.Features, "the feature vectors of both sides, which a statistics file does not keep"),
        (GanMetricInputs.GeneratedClassScores, "class scores of the generated samples, but the feature extractor gives none; use a classifier net with a logits output"),
        (GanMetricInputs.Samples, "the raw samples of both sides held in memory (not a streamed image folder nor a statistics file)"),
        (GanMetricInputs.GeneratedSamples, "the raw generated samples held in memory (not a streamed image folder nor a statistics file)"),
        (GanMetricInputs.MixtureTarget, "a Gaussian-mixture target: set GanEvaluationOptions.MixtureTarget to the mixture the real data came from"),
    }.Where(d => missing.HasFlag(d.Input)).Select(d => d.Text));
}
