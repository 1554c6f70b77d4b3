namespace MlGan.Samples.Reproduce;

/// <summary>Whether MlGan's number or behaviour matches the paper's claim.</summary>
internal enum Verdict
{
    /// <summary>Same value (within the stated tolerance) or the same qualitative behaviour.</summary>
    Reproduced,

    /// <summary>Differs; the claim's reason says how and, where known, why.</summary>
    Differs,
}
