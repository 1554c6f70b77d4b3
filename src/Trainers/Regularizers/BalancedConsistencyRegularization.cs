using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// Balanced consistency regularisation, bCR (Zhao et al. 2020, "Improved Consistency Regularization for GANs", Eq. 2):
/// λ_real·E‖f(x) − f(T(x))‖² + λ_fake·E‖f(G(z)) − f(T(G(z)))‖², T a stochastic semantics-preserving augmentation.
/// The critic is asked to score a sample and its augmented copy alike, on real and generated data both ("balanced":
/// augmenting only reals, as the original CR of Zhang et al. 2020 does, lets augmentation artefacts leak into G).
/// Gradients flow through both scores. Typical λ_real = λ_fake = 10 (the paper's CIFAR-10 and CelebA setting).
/// </summary>
/// <remarks>
/// T defaults to <see cref="ConsistencyAugmentations.Default"/>: random horizontal flip and translation by up to 1/8
/// of the size with zero fill for images [B, C, H, W], additive Gaussian noise for other shapes. Augmentations draw
/// from the run's penalty stream, the real batch first; a zero weight skips its term and its draw.
/// </remarks>
public sealed class BalancedConsistencyRegularization : CriticRegularizer
{
    private readonly Func<Tensor, torch.Generator, Tensor> _augmentation;
    private readonly double? _noiseStd; // null: a user augmentation

    /// <summary>
    /// bCR with the default augmentation; <paramref name="noiseStd"/> is σ of the Gaussian noise used for non-image
    /// data. Weights ≥ 0, not both 0; σ &gt; 0.
    /// </summary>
    public BalancedConsistencyRegularization(double realWeight = 10, double fakeWeight = 10, double noiseStd = ConsistencyAugmentations.DefaultNoiseStd)
        : this(realWeight, fakeWeight, ConsistencyAugmentations.Default(noiseStd))
    {
        _noiseStd = noiseStd;
    }

    /// <summary>
    /// bCR with a user augmentation T(batch, random) that returns a batch of the same shape and takes all its
    /// randomness from the given generator (so runs stay reproducible). Weights ≥ 0, not both 0.
    /// </summary>
    public BalancedConsistencyRegularization(double realWeight, double fakeWeight, Func<Tensor, torch.Generator, Tensor> augmentation)
    {
        Guard.NonNegative(realWeight, nameof(realWeight));
        Guard.NonNegative(fakeWeight, nameof(fakeWeight));
        if (realWeight == 0 && fakeWeight == 0)
            throw new ArgumentOutOfRangeException(nameof(fakeWeight), fakeWeight, "realWeight and fakeWeight are both 0; at least one must be > 0 (leave the stage out to turn it off).");
        _augmentation = Guard.NotNull(augmentation, nameof(augmentation));
        RealWeight = realWeight;
        FakeWeight = fakeWeight;
    }

    /// <summary>λ_real, the weight of the consistency term on real samples.</summary>
    public double RealWeight { get; }

    /// <summary>λ_fake, the weight of the consistency term on generated samples.</summary>
    public double FakeWeight { get; }

    /// <inheritdoc />
    public override string Name => "bcr";

    /// <summary>The stage, its weights and its augmentation, e.g. <c>bcr(real=10, fake=10, noise=0.1)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"bcr(real={RealWeight}, fake={FakeWeight}, {(_noiseStd is { } sigma ? FormattableString.Invariant($"noise={sigma}") : "augmentation=custom")})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        Tensor? total = null;
        if (RealWeight > 0) total = Consistency(batch, batch.Real, batch.RealLogits) * RealWeight;
        if (FakeWeight > 0)
        {
            var fake = Consistency(batch, batch.Fake, batch.FakeLogits) * FakeWeight;
            total = total is null ? fake : total + fake;
        }
        return total!.MoveToOuterDisposeScope();
    }

    /// <summary>E[(f(x) − f(T(x)))²] with f(x) the batch's own logits.</summary>
    private Tensor Consistency(CriticBatch batch, Tensor samples, Tensor logits)
    {
        Tensor augmented;
        using (no_grad()) augmented = _augmentation(samples.detach(), batch.Random);
        if (augmented is null || !augmented.shape.SequenceEqual(samples.shape))
            throw new InvalidOperationException(
                $"The bCR augmentation returned [{(augmented is null ? "null" : string.Join(", ", augmented.shape))}] for a [{string.Join(", ", samples.shape)}] batch; it must keep the shape.");
        return (logits - batch.Critic.forward(augmented)).square().mean();
    }
}
