using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Losses;

// Separable GANs (Sun et al. 2020, Eq. 5): the discriminator maximises
//     (1/2n) Σᵢ [h1(f(xᵢ)) + h2(−f(yᵢ))],
// so its loss is D = ½ [mean(−h1(f(x))) + mean(−h2(−f(y)))] — the mean over the concatenated
// real+fake batch when both have n samples. The ½ is what puts JS's D-loss at 0.4774 in the
// mode-collapse state s1a (the paper's §5 "around 0.48"), not 0.9548.

/// <summary>
/// JS-GAN, minimax (saturating) form: h1(t) = h2(t) = −log(1 + e^(−t)).
/// D = ½[mean softplus(−f(x)) + mean softplus(f(y))]; G = −D (zero-sum).
/// </summary>
public sealed class JsGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "js";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Separable;
    /// <inheritdoc />
    public override string Description =>
        "D = ½[mean softplus(−f(x)) + mean softplus(f(y))]; G = −D (minimax, saturating)";

    /// <summary>¾ log 3 − ½ log 2 = −¼(2 log 2 − 3 log 3) ≈ 0.4774 (Claim 3.1, state s1a).</summary>
    public override double? CollapseValue => SeparableCollapse.Js;

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => SeparableTerms.JsDiscriminator(real, fake);
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => SeparableTerms.JsDiscriminator(real, fake).neg();
}

/// <summary>
/// JS-GAN with the non-saturating generator (Goodfellow et al. 2014): G maximises log σ(f(y)).
/// D as <see cref="JsGanLoss"/>; G = mean softplus(−f(y)).
/// </summary>
public sealed class JsNonSaturatingGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "js-ns";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Separable;
    /// <inheritdoc />
    public override string Description =>
        "D = ½[mean softplus(−f(x)) + mean softplus(f(y))]; G = mean softplus(−f(y)) (non-saturating)";

    /// <summary>As <see cref="JsGanLoss"/> (same D-loss): ¾ log 3 − ½ log 2 ≈ 0.4774.</summary>
    public override double? CollapseValue => SeparableCollapse.Js;

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => SeparableTerms.JsDiscriminator(real, fake);
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => F.softplus(fake.neg()).mean();
}

/// <summary>
/// Hinge GAN: h1(t) = h2(t) = −max{0, 1 − t}. D = ½[mean relu(1 − f(x)) + mean relu(1 + f(y))];
/// G = −mean f(y) (Lim &amp; Ye 2017; Miyato et al. 2018).
/// </summary>
public sealed class HingeGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "hinge";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Separable;
    /// <inheritdoc />
    public override string Description =>
        "D = ½[mean relu(1 − f(x)) + mean relu(1 + f(y))]; G = −mean f(y)";

    /// <summary>
    /// ½: at s1a the collapsed point holds 1 real and 2 fakes, min_t relu(1 − t) + 2 relu(1 + t) = 2 (t = −1),
    /// so D = 2/4. Note this equals the mode-dropping state s1b's value (ξ(2) = ξ(1) for the hinge).
    /// </summary>
    public override double? CollapseValue => 0.5;

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) =>
        (F.relu(real.neg().add(1.0)).mean() + F.relu(fake.add(1.0)).mean()).mul(0.5);

    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => fake.mean().neg();
}

/// <summary>
/// Least-squares GAN (Mao et al. 2017, a = 0, b = c = 1): h1(t) = −(1 − t)², h2(t) = −t².
/// D = ½[mean (f(x) − 1)² + mean f(y)²]; G = ½ mean (f(y) − 1)².
/// </summary>
public sealed class LeastSquaresGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "ls";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Separable;
    /// <inheritdoc />
    public override string Description =>
        "D = ½[mean (f(x) − 1)² + mean f(y)²]; G = ½ mean (f(y) − 1)²";

    /// <summary>1/6: min_t (t − 1)² + 2t² = 2/3 at t = 1/3, and D = (2/3)/4.</summary>
    public override double? CollapseValue => 1.0 / 6.0;

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) =>
        (real.sub(1.0).square().mean() + fake.square().mean()).mul(0.5);

    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => fake.sub(1.0).square().mean().mul(0.5);
}

/// <summary>Shared pieces of the JS losses.</summary>
internal static class SeparableTerms
{
    // softplus(−t) = −log σ(t) and softplus(t) = −log(1 − σ(t)), both stable for large |t|.
    public static Tensor JsDiscriminator(Tensor real, Tensor fake) =>
        (F.softplus(real.neg()).mean() + F.softplus(fake).mean()).mul(0.5);
}

/// <summary>Closed-form collapse values (derivations in the members' comments).</summary>
internal static class SeparableCollapse
{
    // At s1a the collapsed point carries 1 real and 2 fake samples: min_t softplus(−t) + 2 softplus(t)
    // is reached at σ(t) = 1/3 and equals log 3 + 2 log(3/2) = 3 log 3 − 2 log 2; the other data point
    // contributes 0 and the 1/(2n) = 1/4 normalisation gives ¾ log 3 − ½ log 2.
    public static readonly double Js = 0.75 * Math.Log(3.0) - 0.5 * Math.Log(2.0);
}
