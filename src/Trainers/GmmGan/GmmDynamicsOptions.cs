using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>Step size η (used for generator and discriminator alike), number of steps, unroll depth and objective form.</summary>
public sealed record GmmDynamicsOptions
{
    /// <summary>η, &gt; 0. Default 0.3.</summary>
    public double StepSize { get; init; } = 0.3;
    /// <summary>Steps, ≥ 1. Default 3000.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Discriminator steps unrolled inside the generator's gradient (unrolled dynamics only).</summary>
    public int UnrollSteps { get; init; } = 5;

    /// <summary>Which form of L the gradients come from. Default <see cref="GmmGanObjectiveForm.Mixture"/>.</summary>
    public GmmGanObjectiveForm Objective { get; init; } = GmmGanObjectiveForm.Mixture;

    /// <summary>
    /// η times the objective's scale: every step of every dynamics is linear in the gradient, so following
    /// k·L with step η is exactly following L with step k·η (k = 2 is exact in floating point).
    /// </summary>
    internal double EffectiveStepSize => StepSize * Objective.Scale();

    /// <summary>Checks every option; ArgumentOutOfRangeException naming the option otherwise.</summary>
    public void Validate()
    {
        Guard.Positive(StepSize, nameof(StepSize));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(UnrollSteps, nameof(UnrollSteps));
        if (!Enum.IsDefined(Objective)) throw new ArgumentOutOfRangeException(nameof(Objective), Objective, "Unknown GMM-GAN objective form.");
    }
}
