using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// WGAN-GP's two-sided gradient penalty (Gulrajani et al. 2017, "Improved Training of Wasserstein GANs", Eq. 3):
/// λ·E[(‖∇ₓ̂ f(x̂)‖₂ − 1)²] at x̂ = εx + (1 − ε)y, x real, y generated, ε ~ U(0, 1) drawn per sample from the
/// run's penalty stream. It pushes the critic towards unit gradient norm along real–fake segments, the property of
/// the optimal 1-Lipschitz critic. Typical λ = 10 (the paper's value for every experiment), with 5 critic steps per
/// generator step. The input gradient is taken with create_graph so the penalty trains the critic.
/// </summary>
public sealed class GradientPenalty : CriticRegularizer
{
    /// <summary>A stage with weight <paramref name="lambda"/> (&gt; 0; leave the stage out to turn it off).</summary>
    public GradientPenalty(double lambda = 10)
    {
        Guard.Positive(lambda, nameof(lambda));
        Lambda = lambda;
    }

    /// <summary>λ, the penalty's weight in the critic loss.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public override string Name => "gp";

    /// <summary>The stage and its coefficient, e.g. <c>gp(lambda=10)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"gp(lambda={Lambda})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Compute(batch.Critic, batch.Real, batch.Fake, Lambda, batch.Random);
    }

    /// <summary>The penalty with ε drawn from <paramref name="random"/> (one U(0, 1) draw of shape [B, 1, …, 1]).</summary>
    public static Tensor Compute(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(real);
        return Compute(critic, real, fake, lambda, InterpolationWeights(real, random));
    }

    /// <summary>The penalty at given interpolation weights ε (shape broadcastable to the batch, e.g. [N, 1, 1, 1]).</summary>
    public static Tensor Compute(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda, Tensor epsilon)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Guard.NonNegative(lambda, nameof(lambda));
        using var scope = NewDisposeScope();
        var norms = CriticInputGradient.At(critic, Interpolate(real, fake, epsilon)).norm(1, false, 2);
        return (norms.sub(1.0).square().mean() * lambda).MoveToOuterDisposeScope();
    }

    /// <summary>ε ~ U(0, 1) per sample, shape [B, 1, …, 1] so it broadcasts over each sample; the one draw of this stage.</summary>
    internal static Tensor InterpolationWeights(Tensor real, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(random);
        var shape = new long[real.dim()];
        Array.Fill(shape, 1L);
        shape[0] = real.shape[0];
        return rand(shape, dtype: real.dtype, generator: random).to(real.device);
    }

    /// <summary>x̂ = εx + (1 − ε)y, outside any graph.</summary>
    internal static Tensor Interpolate(Tensor real, Tensor fake, Tensor epsilon)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(fake);
        ArgumentNullException.ThrowIfNull(epsilon);
        CriticInputGradient.RequireSameShape(real, fake, nameof(fake));
        return epsilon * real.detach() + (1 - epsilon) * fake.detach();
    }
}
