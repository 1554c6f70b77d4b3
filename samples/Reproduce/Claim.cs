namespace MlGan.Samples.Reproduce;

/// <summary>
/// One row of the report: what the paper states (a value or a sentence), what this run measured, and the verdict with
/// its reason. Every field is built from the run that writes the report.
/// </summary>
internal sealed record Claim(string Name, string Paper, string Ours, Verdict Verdict, string Reason)
{
    /// <summary>A claim whose verdict is decided by <paramref name="holds"/>: reproduced when true, otherwise differs with <paramref name="whyNot"/>.</summary>
    public static Claim Check(string name, string paper, string ours, bool holds, string why, string whyNot) =>
        new(name, paper, ours, holds ? Verdict.Reproduced : Verdict.Differs, holds ? why : whyNot);
}
