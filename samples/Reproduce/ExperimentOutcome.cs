namespace MlGan.Samples.Reproduce;

/// <summary>What one experiment hands to the report: its claims, the commands it ran, and its figures (paths under the report folder).</summary>
internal sealed record ExperimentOutcome(IReadOnlyList<Claim> Claims, IReadOnlyList<string> Commands, IReadOnlyList<string> Figures);

/// <summary>An experiment's outcome with its identity and wall time, or the error that stopped it.</summary>
internal sealed record ExperimentRecord(string Id, string Title, string Paper, double Seconds, ExperimentOutcome? Outcome, string? Error);
