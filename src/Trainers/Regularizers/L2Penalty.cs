using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// R(θ_D) = (λ/2)‖θ_D‖² over the critic's trained weights, added to its loss: the ℓ2-regularised WGAN of
/// Sajedi et al. (2021), Eq. 2 (λ = 1, linear critic) and of the random-feature papers; as plain weight decay on a
/// neural critic, λ ≈ 1e-4–1e-2. Draws no randomness.
/// </summary>
public sealed class L2Penalty : CriticRegularizer
{
    /// <summary>A stage with weight <paramref name="lambda"/> (&gt; 0; leave the stage out to turn it off).</summary>
    public L2Penalty(double lambda = 1)
    {
        Guard.Positive(lambda, nameof(lambda));
        Lambda = lambda;
    }

    /// <summary>λ; the penalty is λ/2 times the squared norm of the trained weights.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public override string Name => "l2";

    /// <summary>The stage and its coefficient, e.g. <c>l2(lambda=10)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"l2(lambda={Lambda})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Compute(batch.Critic, Lambda);
    }

    /// <summary>(λ/2)‖θ‖² over the parameters of <paramref name="critic"/> that require a gradient; λ ≥ 0.</summary>
    public static Tensor Compute(nn.Module critic, double lambda)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Guard.NonNegative(lambda, nameof(lambda));
        return Of(critic.parameters().Where(p => p.requires_grad), lambda);
    }

    /// <summary>
    /// (λ/2)Σ‖w‖² over an explicit weight list (e.g. the substituted weights of an unrolled critic); λ ≥ 0. The sum
    /// folds in list order exactly as <see cref="Compute"/> does, so both give the same bits on the same weights.
    /// </summary>
    public static Tensor Of(IEnumerable<Tensor> weights, double lambda)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Guard.NonNegative(lambda, nameof(lambda));
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        foreach (var w in weights)
        {
            if (w is null) throw new ArgumentException("weights must not contain null tensors.", nameof(weights));
            sum = sum is null ? w.square().sum() : sum + w.square().sum();
        }
        return ((sum ?? tensor(0f)) * (0.5 * lambda)).MoveToOuterDisposeScope();
    }
}
