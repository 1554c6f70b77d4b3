using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// The one-sided gradient penalty λ·E[max(0, ‖∇ₓ̂ f(x̂)‖₂ − 1)²] at WGAN-GP's interpolates x̂ = εx + (1 − ε)y,
/// ε ~ U(0, 1) per sample. Gulrajani et al. (2017, App. "one-sided penalty") note that the Lipschitz constraint only
/// bounds the norm from above; Petzka et al. (2018, "On the regularization of Wasserstein GANs", WGAN-LP) argue for
/// this form, which leaves critics with gradients below 1 alone. Typical λ = 10 as for WGAN-GP (Petzka et al. use
/// 5–10). The interpolation weights are drawn exactly as <see cref="GradientPenalty"/> draws them.
/// </summary>
public sealed class OneSidedGradientPenalty : CriticRegularizer
{
    /// <summary>A stage with weight <paramref name="lambda"/> (&gt; 0; leave the stage out to turn it off).</summary>
    public OneSidedGradientPenalty(double lambda = 10)
    {
        Guard.Positive(lambda, nameof(lambda));
        Lambda = lambda;
    }

    /// <summary>λ, the penalty's weight in the critic loss.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public override string Name => "gp-one-sided";

    /// <summary>The stage and its coefficient, e.g. <c>gp-one-sided(lambda=10)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"gp-one-sided(lambda={Lambda})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var epsilon = GradientPenalty.InterpolationWeights(batch.Real, batch.Random);
        var points = GradientPenalty.Interpolate(batch.Real, batch.Fake, epsilon);
        var norms = CriticInputGradient.At(batch.Critic, points).norm(1, false, 2);
        return (norms.sub(1.0).relu().square().mean() * Lambda).MoveToOuterDisposeScope();
    }
}
