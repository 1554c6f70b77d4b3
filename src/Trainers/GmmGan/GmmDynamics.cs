using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>Runs one GMM-GAN dynamics from an initial generator and discriminator (Li, Mądry, Peebles, Schmidt 2017).</summary>
public static class GmmDynamics
{
    /// <summary>
    /// Runs <paramref name="kind"/> for <see cref="GmmDynamicsOptions.Steps"/> steps. The initial discriminator must be
    /// finite and ordered (it is ignored by the optimal dynamics, which compute theirs). Pass a
    /// <paramref name="trajectory"/> of length Steps + 1 to record every step.
    /// </summary>
    public static GmmRunResult Run(GmmDynamicsKind kind, GmmGanMixture target, GmmGanMixture initial,
        TwoIntervalDiscriminator initialDiscriminator, GmmDynamicsOptions options, GmmTrajectory? trajectory = null)
    {
        Guard.NotNull(options, nameof(options)).Validate();
        Guard.Finite(target.Mu1, "target.Mu1");
        Guard.Finite(target.Mu2, "target.Mu2");
        Guard.Finite(initial.Mu1, "initial.Mu1");
        Guard.Finite(initial.Mu2, "initial.Mu2");
        if (kind != GmmDynamicsKind.Optimal) initialDiscriminator.Validate(nameof(initialDiscriminator), requireFinite: true);
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown dynamics kind.");
        if (trajectory is not null && trajectory.Length != options.Steps + 1)
            throw new ArgumentException($"The trajectory must hold Steps + 1 = {options.Steps + 1} entries; it holds {trajectory.Length}.", nameof(trajectory));

        var state = new GmmState
        {
            Mu1 = initial.Mu1, Mu2 = initial.Mu2,
            L1 = initialDiscriminator.L1, R1 = initialDiscriminator.R1, L2 = initialDiscriminator.L2, R2 = initialDiscriminator.R2,
        };
        var outcome = RunCore(kind, target.Mu1, target.Mu2, ref state, options.EffectiveStepSize, options.Steps, options.UnrollSteps, trajectory);
        return new GmmRunResult(kind, new GmmGanMixture(state.Mu1, state.Mu2),
            new TwoIntervalDiscriminator(state.L1, state.R1, state.L2, state.R2),
            GmmTotalVariation.DistanceUnchecked(target.Mu1, target.Mu2, state.Mu1, state.Mu2),
            options.Steps, outcome.StoppedAt, outcome.Collapse1, outcome.Collapse2);
    }

    internal readonly record struct CoreOutcome(int? StoppedAt, int? Collapse1, int? Collapse2);

    /// <summary>The hot loop: no allocation per step. Stops early only at an exact fixed point.</summary>
    internal static CoreOutcome RunCore(GmmDynamicsKind kind, double t1, double t2, ref GmmState s,
        double eta, int steps, int unroll, GmmTrajectory? trajectory)
    {
        int? collapse1 = null, collapse2 = null, stoppedAt = null;
        if (kind == GmmDynamicsKind.Optimal) GmmDynamicsKernels.SetOptimalDiscriminator(ref s, t1, t2);
        else
        {
            // An interval that starts with width 0 is collapsed from the start.
            s.Collapsed1 = s.R1 == s.L1;
            s.Collapsed2 = s.R2 == s.L2;
            if (s.Collapsed1) collapse1 = 0;
            if (s.Collapsed2) collapse2 = 0;
        }
        trajectory?.Set(0, s);

        for (int t = 1; t <= steps; t++)
        {
            var before = s;
            switch (kind)
            {
                case GmmDynamicsKind.FirstOrder: GmmDynamicsKernels.FirstOrderStep(ref s, t1, t2, eta); break;
                case GmmDynamicsKind.Unrolled: GmmDynamicsKernels.UnrolledStep(ref s, t1, t2, eta, unroll); break;
                default: GmmDynamicsKernels.OptimalStep(ref s, t1, t2, eta); break;
            }
            if (s.Collapsed1 && collapse1 is null) collapse1 = t;
            if (s.Collapsed2 && collapse2 is null) collapse2 = t;
            trajectory?.Set(t, s);

            // Exact fixed points: the step map is deterministic, so an unchanged state never changes again; with both
            // intervals collapsed every gradient is exactly zero.
            if (s.SameAs(before) || (s.Collapsed1 && s.Collapsed2))
            {
                if (t < steps)
                {
                    stoppedAt = t;
                    if (trajectory is not null) for (int r = t + 1; r <= steps; r++) trajectory.Set(r, s);
                }
                break;
            }
        }
        return new CoreOutcome(stoppedAt, collapse1, collapse2);
    }
}
