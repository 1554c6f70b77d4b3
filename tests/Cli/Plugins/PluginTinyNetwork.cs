using MlGan.Trainers;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Networks;
using MlGan.Transforms.Generators;

namespace MlGan.Cli.Tests.Plugins;

/// <summary>Networks only a plugin provides: the MLP pair with one hidden layer whatever the options say.</summary>
public sealed class PluginTinyNetwork : GanNetwork
{
    /// <inheritdoc />
    public override string Name => "plugin-tiny";

    /// <inheritdoc />
    public override (GeneratorModule Generator, DiscriminatorModule Discriminator) Create(GanNetworkSpec spec) =>
        Mlp.Create(spec with { HiddenLayers = 1 });
}
