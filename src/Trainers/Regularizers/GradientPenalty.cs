using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// WGAN-GP's two-sided gradient penalty (Gulrajani et al. 2017): λ·E[(‖∇ₓ̂ f(x̂)‖₂ − 1)²] at x̂ = εx + (1 − ε)y,
/// ε ~ U(0, 1) per sample. The input gradient is taken with create_graph so the penalty trains the critic.
/// </summary>
public static class GradientPenalty
{
    /// <summary>The penalty with ε drawn from <paramref name="random"/>.</summary>
    public static Tensor Compute(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(real);
        var shape = new long[real.dim()];
        Array.Fill(shape, 1L);
        shape[0] = real.shape[0];
        var epsilon = rand(shape, dtype: real.dtype, generator: random).to(real.device);
        return Compute(critic, real, fake, lambda, epsilon);
    }

    /// <summary>The penalty at given interpolation weights ε (shape broadcastable to the batch, e.g. [N, 1, 1, 1]).</summary>
    public static Tensor Compute(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda, Tensor epsilon)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(fake);
        Guard.NonNegative(lambda, nameof(lambda));
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real [{string.Join(", ", real.shape)}] and fake [{string.Join(", ", fake.shape)}] batches must have the same shape.", nameof(fake));
        using var scope = NewDisposeScope();
        var mixed = (epsilon * real.detach() + (1 - epsilon) * fake.detach()).requires_grad_(true);
        var score = critic.forward(mixed).sum();
        // create_graph keeps the gradient differentiable (the penalty's own gradient reaches the critic's weights);
        // TorchSharp needs retain_graph spelled out alongside it.
        var grad = torch.autograd.grad(new[] { score }, new[] { mixed }, retain_graph: true, create_graph: true)[0];
        var norms = grad.reshape(grad.shape[0], -1).norm(1, false, 2);
        return (norms.sub(1.0).square().mean() * lambda).MoveToOuterDisposeScope();
    }
}
