using MlGan.Transforms;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// The R2 penalty of Mescheder et al. (2018, "Which Training Methods for GANs do actually Converge?", Eq. 10):
/// (γ/2)·E_y[‖∇_y f(y)‖₂²] at the generated samples (detached from the generator), R1's counterpart on the model
/// distribution. Used alone or together with R1 (e.g. R3GAN, Huang et al. 2024, with equal γ); typical γ as for R1
/// (0.1–10). Draws no randomness.
/// </summary>
public sealed class R2Penalty : CriticRegularizer
{
    /// <summary>A stage with weight <paramref name="gamma"/> (&gt; 0; leave the stage out to turn it off).</summary>
    public R2Penalty(double gamma = 10)
    {
        Guard.Positive(gamma, nameof(gamma));
        Gamma = gamma;
    }

    /// <summary>γ; the penalty is γ/2 times the mean squared gradient norm.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string Name => "r2";

    /// <summary>The stage and its coefficient, e.g. <c>r2(gamma=10)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"r2(gamma={Gamma})");

    /// <inheritdoc />
    public override Tensor Penalty(CriticBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return SquaredGradientNorm.HalfWeightedMean(batch.Critic, batch.Fake, Gamma);
    }
}
