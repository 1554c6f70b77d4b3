using MlGan.Trainers.Regularizers;
using MlGan.Transforms;
using MlGan.Transforms.Latent;

namespace MlGan.Trainers.Dynamics;

/// <summary>Everything <see cref="GanStepper"/> needs besides the networks, the loss and the data.</summary>
public sealed class GanStepperSettings
{
    /// <summary>How critic and generator updates interleave. Default <see cref="GanDynamics.Alternating"/>.</summary>
    public GanDynamics Dynamics { get; init; } = GanDynamics.Alternating;
    /// <summary>n_critic: discriminator steps per generator step, ≥ 1. Default 1.</summary>
    public int DiscriminatorSteps { get; init; } = 1;
    /// <summary>k of the unrolled dynamics: plain-gradient discriminator steps the generator looks ahead, ≥ 1. Default 5.</summary>
    public int UnrollSteps { get; init; } = 5;
    /// <summary>The generator's optimiser, not null. Default Adam(1e-4, 0.5, 0.999).</summary>
    public OptimizerSettings GeneratorOptimizer { get; init; } = new();
    /// <summary>The critic's optimiser, not null. Default Adam(1e-4, 0.5, 0.999).</summary>
    public OptimizerSettings DiscriminatorOptimizer { get; init; } = new();
    /// <summary>λ of the WGAN-GP gradient penalty, finite, ≥ 0; 0 (default): off (Sajedi et al. use 10).</summary>
    public double GradientPenalty { get; init; }
    /// <summary>c of WGAN weight clipping, finite, ≥ 0; 0 (default): off (Arjovsky et al. use 0.01).</summary>
    public double WeightClip { get; init; }
    /// <summary>λ of the (λ/2)‖θ_D‖² critic regulariser, finite, ≥ 0; 0 (default): off (Sajedi et al. Eq. 2: 1).</summary>
    public double L2 { get; init; }
    /// <summary>
    /// Further critic regularisers (R1, R2, DRAGAN, one-sided GP, bCR, a user's own …), applied after the three scalar
    /// shortcuts above in list order. Empty by default.
    /// </summary>
    public IReadOnlyList<CriticRegularizer> Regularizers { get; init; } = [];
    /// <summary>Decay of the generator-weight EMA in [0, 1); 0 (default): off (typical: 0.999).</summary>
    public double EmaDecay { get; init; }
    /// <summary>
    /// DiffAugment (Zhao et al. 2020) applied to every critic input, real and fake, in the critic and generator steps
    /// (differentiable, so the generator learns through it); drawn from the penalty stream. Null (default): none.
    /// </summary>
    public Augmentation.DiffAugment? Augmentation { get; init; }
    /// <summary>Rows of real data and latents per step, ≥ 1. Default 64.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Distribution of the latents. Default standard normal.</summary>
    public LatentDistribution LatentDistribution { get; init; } = LatentDistribution.Gaussian;

    /// <summary>Checks every setting; messages name the setting and its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range, or the optimal-linear-critic dynamics runs without ℓ2.</exception>
    /// <exception cref="ArgumentNullException">An optimiser or the regulariser list is null.</exception>
    /// <exception cref="ArgumentException"><see cref="Regularizers"/> holds a null entry.</exception>
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
        Guard.NotNull(Regularizers, nameof(Regularizers));
        if (Regularizers.Any(r => r is null)) throw new ArgumentException("Regularizers holds a null entry.", nameof(Regularizers));
        if (Dynamics == GanDynamics.OptimalLinearCritic && !(L2 > 0) && !Regularizers.OfType<L2Penalty>().Any())
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "The optimal-linear-critic dynamics needs the ℓ2 regulariser (L2 > 0): without it the linear critic's optimum is unbounded.");
    }

    /// <summary>
    /// The critic's regulariser pipeline: gradient penalty (when <see cref="GradientPenalty"/> &gt; 0), ℓ2 (when
    /// <see cref="L2"/> &gt; 0), weight clipping (when <see cref="WeightClip"/> &gt; 0), then <see cref="Regularizers"/>.
    /// </summary>
    public IReadOnlyList<CriticRegularizer> Pipeline()
    {
        var pipeline = new List<CriticRegularizer>();
        if (GradientPenalty > 0) pipeline.Add(new MlGan.Trainers.Regularizers.GradientPenalty(GradientPenalty));
        if (L2 > 0) pipeline.Add(new L2Penalty(L2));
        if (WeightClip > 0) pipeline.Add(new WeightClipping(WeightClip));
        pipeline.AddRange(Regularizers);
        return pipeline;
    }
}
