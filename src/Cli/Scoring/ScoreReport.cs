namespace MlGan.Cli.Scoring;

/// <summary>
/// What <c>mlgan score</c> found: (json key, value) in table order, per-metric provenance (json key → fields) and
/// warnings a reader of the numbers must see (small N, unverifiable or mismatched statistics, skipped images).
/// </summary>
internal sealed record ScoreReport(IReadOnlyList<(string Key, double Value)> Values,
    IReadOnlyDictionary<string, Dictionary<string, object?>> Provenance, IReadOnlyList<string> Warnings);
