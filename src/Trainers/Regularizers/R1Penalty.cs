using MlGan.Transforms;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// The R1 penalty of Mescheder et al. (2018, "Which Training Methods for GANs do actually Converge?", Eq. 9):
/// (γ/2)·E_x[‖∇ₓ f(x)‖₂²] at the real samples. Zero-centred: it penalises any critic slope on the data, which makes
/// the Dirac-GAN equilibrium locally convergent. Typical γ = 10 (CIFAR-10, CelebA at low resolution, the paper's
/// default), 0.1–1 for simpler data, larger (up to 100) for high-resolution faces. Draws no randomness.
/// </summary>
public sealed class R1Penalty : CriticRegularizer
{
    /// <summary>A stage with weight <paramref name="gamma"/> (&gt; 0; leave the stage out to turn it off).</summary>
    public R1Penalty(double gamma = 10)
    {
        Guard.Positive(gamma, nameof(gamma));
        Gamma = gamma;
    }

    /// <summary>γ; the penalty is γ/2 times the mean squared gradient norm.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string Name => "r1";

    /// <summary>The stage and its coefficient, e.g. <c>r1(gamma=10)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"r1(gamma={Gamma})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return SquaredGradientNorm.HalfWeightedMean(batch.Critic, batch.Real, Gamma);
    }
}
