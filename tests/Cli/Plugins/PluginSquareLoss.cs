using MlGan.Trainers.Losses;
using static TorchSharp.torch;

namespace MlGan.Cli.Tests.Plugins;

/// <summary>
/// A loss only a plugin provides (this test assembly is the plugin `mlgan train --plugin` loads):
/// D = ½[mean (f(x) − 1)² + mean (f(y) + 1)²], G = ½ mean (f(y) − 1)² (least squares with targets ±1).
/// </summary>
public sealed class PluginSquareLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "plugin-square";

    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Separable;

    /// <inheritdoc />
    public override string Description => "D = ½[mean (f(x) − 1)² + mean (f(y) + 1)²]; G = ½ mean (f(y) − 1)²";

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => 0.5 * ((real - 1).square().mean() + (fake + 1).square().mean());

    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => 0.5 * (fake - 1).square().mean();
}
