using System.Text.RegularExpressions;

namespace MlGan.Evaluation.Metrics;

/// <summary>
/// One GAN evaluation metric: its name, the values it produces, what it reads, whether it runs by default, its
/// own settings (constructor parameters of the derived class) and <see cref="Compute"/>. Register a new one with
/// <see cref="GanMetricRegistry.Register"/> to make it known by name (<c>mlgan score --metrics</c>,
/// <see cref="GanMetricRegistry.Parse"/>), or pass an instance in <see cref="GanEvaluationOptions.Metrics"/>.
/// </summary>
public abstract partial class GanMetric
{
    /// <summary>
    /// Declares a metric. <paramref name="key"/>, <paramref name="valueNames"/> and <paramref name="aliases"/> are
    /// snake_case (they are JSON keys and CLI names); an alias may be shared by several metrics to name a group
    /// (as "prdc" names precision/recall and density/coverage).
    /// </summary>
    protected GanMetric(string key, IReadOnlyList<string> valueNames, GanMetricInputs needs, bool runsByDefault = false, IReadOnlyList<string>? aliases = null)
    {
        Key = CheckName(key, nameof(key));
        ArgumentNullException.ThrowIfNull(valueNames);
        if (valueNames.Count == 0) throw new ArgumentException($"Metric '{key}' declares no value names; it must produce at least one value.", nameof(valueNames));
        ValueNames = [.. valueNames.Select(n => CheckName(n, nameof(valueNames)))];
        if (ValueNames.Distinct().Count() != ValueNames.Count)
            throw new ArgumentException($"Metric '{key}' declares a value name twice: {string.Join(", ", ValueNames)}.", nameof(valueNames));
        if ((needs & ~AllInputs) != 0) throw new ArgumentOutOfRangeException(nameof(needs), needs, "needs holds an unknown GanMetricInputs flag.");
        Needs = needs;
        RunsByDefault = runsByDefault;
        Aliases = [.. (aliases ?? []).Select(a => CheckName(a, nameof(aliases)))];
        if (Aliases.Contains(Key) || Aliases.Distinct().Count() != Aliases.Count)
            throw new ArgumentException($"Metric '{key}' repeats a name among its key and aliases: {string.Join(", ", Aliases)}.", nameof(aliases));
    }

    /// <summary>The metric's name: its key in <see cref="GanMetrics.Provenance"/> and in the registry (e.g. "fid", "precision_recall").</summary>
    public string Key { get; }

    /// <summary>Other names it is known by (e.g. "pr"); an alias shared with other metrics names them all.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The names of the values it produces, in order (e.g. "kid", "kid_std"): keys of <see cref="GanMetrics.Values"/> and of the CLI's JSON.</summary>
    public IReadOnlyList<string> ValueNames { get; }

    /// <summary>
    /// What it reads. This also sets what its provenance records: metrics of features or feature statistics record the
    /// feature extractor, both sample counts and the feature dimension; metrics of class scores alone the extractor,
    /// the generated count and the number of classes; metrics of raw samples "identity", the counts of the sides they
    /// read and the sample dimension.
    /// </summary>
    public GanMetricInputs Needs { get; }

    /// <summary>Whether it runs when no metrics are requested (when the context has what it needs). Costly metrics (O(N²), a trained network) do not.</summary>
    public bool RunsByDefault { get; }

    /// <summary>Computes the metric on <paramref name="context"/>, which holds everything in <see cref="Needs"/>.</summary>
    public abstract GanMetricResult Compute(GanMetricContext context);

    /// <summary>The key.</summary>
    public override string ToString() => Key;

    private const GanMetricInputs AllInputs = GanMetricInputs.FeatureStatistics | GanMetricInputs.Features | GanMetricInputs.GeneratedClassScores
        | GanMetricInputs.Samples | GanMetricInputs.GeneratedSamples | GanMetricInputs.MixtureTarget;

    private static string CheckName(string? name, string parameter) =>
        name is not null && SnakeCase().IsMatch(name) ? name
            : throw new ArgumentException($"'{name}' is not a metric name: use lower-case snake_case (a letter, then letters, digits or '_').", parameter);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
