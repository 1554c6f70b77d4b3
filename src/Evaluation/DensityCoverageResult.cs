namespace MlGan.Evaluation;

/// <summary>Density and coverage of a generated feature set (<see cref="DensityCoverage"/>).</summary>
/// <param name="Density">
/// Mean number of real k-NN balls holding a generated sample, divided by k: about 1 when both sets come from one
/// distribution, above 1 where generated samples crowd dense real regions; not bounded by 1.
/// </param>
/// <param name="Coverage">Share of real samples whose k-NN ball holds at least one generated sample, in [0, 1].</param>
public sealed record DensityCoverageResult(double Density, double Coverage);
