using MlGan.Trainers.Losses;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Tests.Extending;

/// <summary>
/// docs/extending.md, recipe 1: a loss MlGan does not ship — a smooth hinge, D = mean softplus(1 − f(x)) +
/// mean softplus(1 + f(y)), G = −mean f(y) — written as a user would, outside MlGan.
/// </summary>
public sealed class SoftplusHingeGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "softplus-hinge";

    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Separable;

    /// <inheritdoc />
    public override string Description => "D = mean softplus(1 − f(x)) + mean softplus(1 + f(y)); G = −mean f(y)";

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => F.softplus(1 - real).mean() + F.softplus(1 + fake).mean();

    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => -fake.mean();
}
