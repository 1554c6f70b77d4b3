namespace MlGan.Trainers.GmmGan;

/// <summary>
/// Outcome of one run. <see cref="StoppedEarlyAtStep"/> is set when the state became an exact fixed point
/// (bit-identical after a step, both discriminator intervals collapsed, or G_μ̂ = G_μ* for the optimal
/// dynamics): every later step would leave it unchanged, so the final state is what the full run gives.
/// The collapse steps say after which step an interval's width reached 0 (0 = collapsed at the start).
/// </summary>
public sealed record GmmRunResult(
    GmmDynamicsKind Kind,
    GmmGanMixture Final,
    TwoIntervalDiscriminator FinalDiscriminator,
    double TotalVariation,
    int StepsRequested,
    int? StoppedEarlyAtStep,
    int? Interval1CollapsedAtStep,
    int? Interval2CollapsedAtStep)
{
    /// <summary>Whether a discriminator interval collapsed to width 0 during the run (first-order and unrolled only).</summary>
    public bool DiscriminatorCollapsed => Interval1CollapsedAtStep.HasValue || Interval2CollapsedAtStep.HasValue;
}
