using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>Step size η (used for generator and discriminator alike), number of steps and unroll depth.</summary>
public sealed record GmmDynamicsOptions
{
    /// <summary>η, &gt; 0. Default 0.3.</summary>
    public double StepSize { get; init; } = 0.3;
    /// <summary>Steps, ≥ 1. Default 3000.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Discriminator steps unrolled inside the generator's gradient (unrolled dynamics only).</summary>
    public int UnrollSteps { get; init; } = 5;

    /// <summary>Checks every option; ArgumentOutOfRangeException naming the option otherwise.</summary>
    public void Validate()
    {
        Guard.Positive(StepSize, nameof(StepSize));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(UnrollSteps, nameof(UnrollSteps));
    }
}
