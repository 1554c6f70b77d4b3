using MlGan.Transforms;
using MlGan.Trainers.Discriminators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// WGAN's weight clipping (Arjovsky et al. 2017, "Wasserstein GAN", Algorithm 1): after each critic step every
/// trained weight is clamped to [−c, c], a crude way to keep the critic K-Lipschitz. Typical c = 0.01 (the paper's
/// value, with RMSProp at 5e-5 and 5 critic steps). A projection: it adds no penalty and draws no randomness.
/// </summary>
public sealed class WeightClipping : CriticRegularizer
{
    /// <summary>A stage that clamps to [−<paramref name="bound"/>, <paramref name="bound"/>] (bound &gt; 0).</summary>
    public WeightClipping(double bound = 0.01)
    {
        Guard.Positive(bound, nameof(bound));
        Bound = bound;
    }

    /// <summary>c: every trained weight ends each critic step in [−c, c].</summary>
    public double Bound { get; }

    /// <inheritdoc />
    public override string Name => "clip";

    /// <summary>The stage and its bound, e.g. <c>clip(bound=0.01)</c>, as logs and checkpoints record it.</summary>
    public override string ToString() => FormattableString.Invariant($"clip(bound={Bound})");

    /// <inheritdoc />
    public override void AfterStep(DiscriminatorModule critic) => Apply(critic, Bound);

    /// <summary>Clamps every parameter of <paramref name="critic"/> that requires a gradient to [−c, c] in place; c &gt; 0.</summary>
    public static void Apply(nn.Module critic, double c)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Guard.Positive(c, nameof(c));
        using var _ = no_grad();
        foreach (var p in critic.parameters())
            if (p.requires_grad) p.clamp_(-c, c);
    }
}
