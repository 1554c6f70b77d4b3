using MlGan.Transforms;
using MlGan.Transforms.Latent;

namespace MlGan.Trainers.Dynamics;

/// <summary>Everything <see cref="GanStepper"/> needs besides the networks, the loss and the data.</summary>
public sealed class GanStepperSettings
{
    public GanDynamics Dynamics { get; init; } = GanDynamics.Alternating;
    /// <summary>n_critic: discriminator steps per generator step (≥ 1).</summary>
    public int DiscriminatorSteps { get; init; } = 1;
    /// <summary>k of the unrolled dynamics: plain-gradient discriminator steps the generator looks ahead.</summary>
    public int UnrollSteps { get; init; } = 5;
    public OptimizerSettings GeneratorOptimizer { get; init; } = new();
    public OptimizerSettings DiscriminatorOptimizer { get; init; } = new();
    /// <summary>λ of the WGAN-GP gradient penalty; 0 = off (Sajedi et al. use 10).</summary>
    public double GradientPenalty { get; init; }
    /// <summary>c of WGAN weight clipping; 0 = off (Arjovsky et al. use 0.01).</summary>
    public double WeightClip { get; init; }
    /// <summary>λ of the (λ/2)‖θ_D‖² critic regulariser; 0 = off (Sajedi et al. Eq. 2: 1).</summary>
    public double L2 { get; init; }
    /// <summary>Decay of the generator-weight EMA; 0 = off (typical: 0.999).</summary>
    public double EmaDecay { get; init; }
    public int BatchSize { get; init; } = 64;
    public LatentDistribution LatentDistribution { get; init; } = LatentDistribution.Gaussian;

    public void Validate()
    {
        Guard.Positive(DiscriminatorSteps, nameof(DiscriminatorSteps));
        Guard.Positive(UnrollSteps, nameof(UnrollSteps));
        Guard.Positive(BatchSize, nameof(BatchSize));
        Guard.NonNegative(GradientPenalty, nameof(GradientPenalty));
        Guard.NonNegative(WeightClip, nameof(WeightClip));
        Guard.NonNegative(L2, nameof(L2));
        Guard.InRange(EmaDecay, 0, 0.999999999, nameof(EmaDecay));
        Guard.NotNull(GeneratorOptimizer, nameof(GeneratorOptimizer)).Validate(nameof(GeneratorOptimizer));
        Guard.NotNull(DiscriminatorOptimizer, nameof(DiscriminatorOptimizer)).Validate(nameof(DiscriminatorOptimizer));
        if (Dynamics == GanDynamics.OptimalDiscriminator && !(L2 > 0))
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "The optimal-discriminator dynamics needs the ℓ2 regulariser (L2 > 0): without it the linear critic's optimum is unbounded.");
    }
}
