using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>Step size η (used for generator and discriminator alike), number of steps and unroll depth.</summary>
public sealed record GmmDynamicsOptions
{
    public double StepSize { get; init; } = 0.3;
    public int Steps { get; init; } = 3000;

    /// <summary>Discriminator steps unrolled inside the generator's gradient (unrolled dynamics only).</summary>
    public int UnrollSteps { get; init; } = 5;

    public void Validate()
    {
        Guard.Positive(StepSize, nameof(StepSize));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(UnrollSteps, nameof(UnrollSteps));
    }
}
