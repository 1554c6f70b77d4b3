using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// R(θ_D) = (λ/2)‖θ_D‖² over the critic's trained weights, added to its loss: the ℓ2-regularised WGAN of
/// Sajedi et al. (2021), Eq. 2 (λ = 1, linear critic) and of the random-feature papers.
/// </summary>
public static class L2Penalty
{
    public static Tensor Compute(nn.Module critic, double lambda)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Guard.NonNegative(lambda, nameof(lambda));
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        foreach (var p in critic.parameters())
            if (p.requires_grad) sum = sum is null ? p.square().sum() : sum + p.square().sum();
        return ((sum ?? tensor(0f)) * (0.5 * lambda)).MoveToOuterDisposeScope();
    }
}
