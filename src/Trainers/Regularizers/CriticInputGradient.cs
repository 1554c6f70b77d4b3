using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// ∇ₓ f(x) of a critic at a batch of points, flattened per sample, kept differentiable (create_graph) so a penalty
/// built on it trains the critic's weights: the common core of the gradient penalties (GP, one-sided GP, R1, R2, DRAGAN).
/// </summary>
internal static class CriticInputGradient
{
    /// <summary>[B, D]: row i is ∇ₓ f at points[i], flattened. The points themselves are not part of any graph.</summary>
    public static Tensor At(nn.Module<Tensor, Tensor> critic, Tensor points)
    {
        var x = points.detach().requires_grad_(true);
        // The samples are scored independently, so ∂(Σᵢ f(xᵢ))/∂xᵢ = ∇f(xᵢ): one backward pass gives every row.
        var score = critic.forward(x).sum();
        // create_graph keeps the gradient differentiable (the penalty's own gradient reaches the critic's weights);
        // TorchSharp needs retain_graph spelled out alongside it.
        var grad = torch.autograd.grad(new[] { score }, new[] { x }, retain_graph: true, create_graph: true)[0];
        return grad.reshape(grad.shape[0], -1);
    }

    /// <summary>Throws unless both batches have the same shape (interpolation and paired penalties need it).</summary>
    public static void RequireSameShape(Tensor real, Tensor fake, string fakeName)
    {
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real [{string.Join(", ", real.shape)}] and fake [{string.Join(", ", fake.shape)}] batches must have the same shape.", fakeName);
    }
}
