using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// DRAGAN's gradient penalty (Kodali et al. 2017, "On Convergence and Stability of GANs"): λ·E[(‖∇ₓ̂ f(x̂)‖₂ − 1)²]
/// at perturbed real samples x̂ = x + δ, δ = c·std(x)·u, u ~ U(0, 1) elementwise. Where WGAN-GP constrains the critic
/// along real–fake segments, DRAGAN constrains it in a neighbourhood of the data, against the sharp gradients
/// around real points that accompany mode collapse. Typical λ = 10, c = 0.5 (the paper and its code).
/// </summary>
/// <remarks>
/// The perturbation follows the authors' reference code, <c>x + 0.5·x.std()·U[0, 1)</c>: std(x) is one scalar, the
/// population standard deviation (NumPy's default, ddof = 0) over every entry of the real batch, and u is uniform on
/// [0, 1), not centred, so δ points into the positive orthant. Their notebook additionally mixes x and x + δ with a
/// per-sample α ~ U(0, 1); this stage evaluates the gradient at x + δ itself, the form the paper writes.
/// </remarks>
public sealed class DraganPenalty : CriticRegularizer
{
    /// <summary>A stage with weight <paramref name="lambda"/> (&gt; 0) and perturbation scale <paramref name="scale"/> (c ≥ 0).</summary>
    public DraganPenalty(double lambda = 10, double scale = 0.5)
    {
        Guard.Positive(lambda, nameof(lambda));
        Guard.NonNegative(scale, nameof(scale));
        Lambda = lambda;
        Scale = scale;
    }

    /// <summary>λ, the penalty's weight in the critic loss.</summary>
    public double Lambda { get; }

    /// <summary>c, the perturbation size in units of the real batch's standard deviation.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public override string Name => "dragan";

    /// <summary>The stage and its coefficients, e.g. <c>dragan(lambda=10, scale=0.5)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"dragan(lambda={Lambda}, scale={Scale})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var norms = CriticInputGradient.At(batch.Critic, Perturb(batch.Real, batch.Random)).norm(1, false, 2);
        return (norms.sub(1.0).square().mean() * Lambda).MoveToOuterDisposeScope();
    }

    /// <summary>x + c·std(x)·u, u ~ U(0, 1) with the batch's shape: this stage's one draw from the penalty stream.</summary>
    private Tensor Perturb(Tensor real, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(random);
        var x = real.detach();
        var u = rand(x.shape, dtype: x.dtype, generator: random).to(x.device);
        return x + x.std(unbiased: false) * Scale * u;
    }
}
