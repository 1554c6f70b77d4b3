using System.Text.Json.Serialization;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Networks;
using MlGan.Transforms.Generators;
using static TorchSharp.torch;

namespace MlGan.Trainers;

/// <summary>
/// A generator/critic pair the general engine can train: the network plug-in point. The built-ins
/// (<see cref="Mlp"/>, <see cref="HiddenLayer"/>, <see cref="Dcgan"/>, <see cref="ResNet"/>) register through the same
/// mechanism as a user's own networks (<see cref="GanNetworks.Register"/>, or pass an instance in
/// <see cref="GanTrainerOptions.Network"/>); <see cref="FromFactory"/> adapts a factory of TorchSharp modules.
/// </summary>
[JsonConverter(typeof(NamedComponentJsonConverter<GanNetwork>))]
public abstract class GanNetwork
{
    /// <summary>The registry name (CLI <c>--net</c>, checkpoints): lower-case, no spaces.</summary>
    public abstract string Name { get; }

    /// <summary>Builds a fresh generator and critic for <paramref name="spec"/>; the critic's input shape is the generator's output shape.</summary>
    public abstract (GeneratorModule Generator, DiscriminatorModule Discriminator) Create(GanNetworkSpec spec);

    /// <summary>
    /// Checks the image shape option before any data is read (<paramref name="imageShape"/> null: vector data);
    /// throws <see cref="ArgumentException"/> naming <paramref name="optionName"/>. Default: anything goes.
    /// </summary>
    public virtual void ValidateShape(long[]? imageShape, string optionName) { }

    /// <summary>The range the generator's outputs lie in (metadata for serving and scoring); null: unbounded.</summary>
    public virtual (double Low, double High)? OutputRange(GanNetworkSpec spec) =>
        spec.OutputActivation == OutputActivation.Tanh ? (-1.0, 1.0) : null;

    /// <summary>Whether <see cref="GanNetworkSpec.HiddenLayers"/> shapes these networks (checkpoints compare it only then).</summary>
    public virtual bool UsesHiddenLayers => false;

    /// <summary>MLP generator and MLP critic (vectors or flattened images).</summary>
    public static GanNetwork Mlp { get; } = new MlpNetwork();

    /// <summary>V·ReLU(Wz) generator (V frozen) and linear critic dᵀx: Theorem 2.1's model (Sajedi et al. 2021; vectors).</summary>
    public static GanNetwork HiddenLayer { get; } = new HiddenLayerNetwork();

    /// <summary>DCGAN generator and critic (images, ImageShape required).</summary>
    public static GanNetwork Dcgan { get; } = new DcganNetwork();

    /// <summary>Small ResNet generator and critic (images, ImageShape required).</summary>
    public static GanNetwork ResNet { get; } = new ResNetNetwork();

    /// <summary>
    /// Networks from a factory of TorchSharp modules: <paramref name="create"/> receives the spec and returns any
    /// generator z [N, k] ↦ [N, ...SampleShape] and critic x ↦ logits [N] (wrapped with
    /// <see cref="GeneratorModule.Wrap"/> / <see cref="DiscriminatorModule.Wrap"/> unless they already are MlGan modules).
    /// </summary>
    public static GanNetwork FromFactory(string name, Func<GanNetworkSpec, (nn.Module<Tensor, Tensor> Generator, nn.Module<Tensor, Tensor> Discriminator)> create) =>
        new FactoryNetwork(name, create);

    /// <inheritdoc />
    public override string ToString() => Name;
}
