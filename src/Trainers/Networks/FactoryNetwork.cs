using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Generators;
using static TorchSharp.torch;

namespace MlGan.Trainers.Networks;

/// <summary><see cref="GanNetwork.FromFactory"/>: networks from a user's factory of TorchSharp modules.</summary>
internal sealed class FactoryNetwork : GanNetwork
{
    private readonly Func<GanNetworkSpec, (nn.Module<Tensor, Tensor> Generator, nn.Module<Tensor, Tensor> Discriminator)> _create;

    public FactoryNetwork(string name, Func<GanNetworkSpec, (nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>)> create)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A network needs a non-empty name.", nameof(name)) : name.Trim();
        _create = create ?? throw new ArgumentNullException(nameof(create));
    }

    public override string Name { get; }

    public override (GeneratorModule, DiscriminatorModule) Create(GanNetworkSpec spec)
    {
        var (g, d) = _create(spec);
        if (g is null || d is null) throw new InvalidOperationException($"The factory of network '{Name}' returned a null module.");
        var generator = g as GeneratorModule ?? GeneratorModule.Wrap(g, spec.LatentDimension, spec.SampleShape, Name);
        var critic = d as DiscriminatorModule ?? DiscriminatorModule.Wrap(d, spec.SampleShape, Name);
        return (generator, critic);
    }
}
