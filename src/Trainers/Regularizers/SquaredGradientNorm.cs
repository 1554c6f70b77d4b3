using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>The zero-centred penalties' shared reduction (R1 at real samples, R2 at generated ones).</summary>
internal static class SquaredGradientNorm
{
    /// <summary>(γ/2)·mean over the batch of ‖∇ₓ f(xᵢ)‖₂², differentiable in the critic's weights.</summary>
    public static Tensor HalfWeightedMean(nn.Module<Tensor, Tensor> critic, Tensor points, double gamma)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(points);
        using var scope = NewDisposeScope();
        // Σⱼ gᵢⱼ² directly rather than norm²: no square root, so no undefined derivative at a zero gradient.
        var squaredNorms = CriticInputGradient.At(critic, points).square().sum(1, keepdim: false);
        return (squaredNorms.mean() * (0.5 * gamma)).MoveToOuterDisposeScope();
    }
}
