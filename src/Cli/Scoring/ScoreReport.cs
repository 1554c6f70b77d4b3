using MlGan.Evaluation;

namespace MlGan.Cli.Scoring;

/// <summary>
/// What <c>mlgan score</c> found: the metrics (values by JSON key, provenance by metric key) and the warnings a reader of
/// the numbers must see (small N, unverifiable or mismatched statistics, skipped images), the metrics' own included.
/// </summary>
internal sealed record ScoreReport(GanMetrics Metrics, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The provenance as the JSON output lays it out: per metric key, the fields <c>extractor</c>, <c>extractor_sha256</c>,
    /// <c>preprocessing</c>, <c>n_real</c>, <c>n_fake</c>, <c>feature_dimension</c>, <c>seed</c>, then the metric's parameters.
    /// </summary>
    public IReadOnlyDictionary<string, Dictionary<string, object?>> JsonProvenance() => Metrics.Provenance.ToDictionary(p => p.Key, p =>
    {
        var fields = new Dictionary<string, object?>
        {
            ["extractor"] = p.Value.Extractor,
            ["extractor_sha256"] = p.Value.ExtractorSha256,
            ["preprocessing"] = p.Value.Preprocessing,
            ["n_real"] = p.Value.RealCount,
            ["n_fake"] = p.Value.FakeCount,
            ["feature_dimension"] = p.Value.FeatureDimension,
            ["seed"] = p.Value.Seed,
        };
        foreach (var (name, value) in p.Value.Parameters) fields.TryAdd(name, value); // the common fields keep their meaning
        return fields;
    });
}
