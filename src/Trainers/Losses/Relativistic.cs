using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Losses;

// Relativistic pairing GANs (Sun et al. 2020, Eq. 6): the discriminator maximises
//     (1/n) Σᵢ h(f(xᵢ) − f(yᵢ)),
// real xᵢ paired with fake yᵢ elementwise, so D = mean(−h(f(x) − f(y))). The generator losses follow
// Jolicoeur-Martineau (2019): the non-saturating forms swap the roles of real and fake, the
// saturating form is the zero-sum −D.

/// <summary>
/// RS-GAN with the non-saturating generator, as trained in Sun et al. §5: h(t) = −log(1 + e^(−t)).
/// D = mean softplus(f(y) − f(x)) (= −mean log σ(f(x) − f(y))); G = mean softplus(f(x) − f(y)).
/// </summary>
public sealed class RsGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "rs";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Relativistic;
    /// <inheritdoc />
    public override string Description =>
        "D = mean softplus(f(y) − f(x)); G = mean softplus(f(x) − f(y)) (non-saturating)";

    /// <summary>½ log 2 ≈ 0.3466: the pair (x₁, y = x₁) is a 1-cycle worth −h(0) = log 2, the other pair is free (0).</summary>
    public override double? CollapseValue => 0.5 * Math.Log(2.0);

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => F.softplus(fake - real).mean();
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => F.softplus(real - fake).mean();
}

/// <summary>RS-GAN minimax (saturating) form: D as <see cref="RsGanLoss"/>, G = −D = −mean softplus(f(y) − f(x)).</summary>
public sealed class RsSaturatingGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "rs-sat";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Relativistic;
    /// <inheritdoc />
    public override string Description =>
        "D = mean softplus(f(y) − f(x)); G = −D (minimax, saturating)";

    /// <summary>As <see cref="RsGanLoss"/> (same D-loss): ½ log 2 ≈ 0.3466.</summary>
    public override double? CollapseValue => 0.5 * Math.Log(2.0);

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => F.softplus(fake - real).mean();
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => F.softplus(fake - real).mean().neg();
}

/// <summary>
/// Relativistic pairing hinge: h(t) = −max{0, 1 − t}. D = mean relu(1 − (f(x) − f(y)));
/// G = mean relu(1 − (f(y) − f(x))).
/// </summary>
public sealed class RpHingeGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "rp-hinge";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Relativistic;
    /// <inheritdoc />
    public override string Description =>
        "D = mean relu(1 − (f(x) − f(y))); G = mean relu(1 − (f(y) − f(x)))";

    /// <summary>½ = −h(0)/n with n = 2.</summary>
    public override double? CollapseValue => 0.5;

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => F.relu((fake - real).add(1.0)).mean();
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => F.relu((real - fake).add(1.0)).mean();
}

/// <summary>
/// Relativistic pairing least squares (a = 1): h(t) = −(1 − t)². D = mean (f(x) − f(y) − 1)²;
/// G = mean (f(y) − f(x) − 1)².
/// </summary>
public sealed class RpLeastSquaresGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "rp-ls";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Relativistic;
    /// <inheritdoc />
    public override string Description =>
        "D = mean (f(x) − f(y) − 1)²; G = mean (f(y) − f(x) − 1)²";

    /// <summary>½ = −h(0)/n with h(0) = −1, n = 2.</summary>
    public override double? CollapseValue => 0.5;

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => (real - fake).sub(1.0).square().mean();
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => (fake - real).sub(1.0).square().mean();
}
