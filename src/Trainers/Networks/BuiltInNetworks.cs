using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Generators;

namespace MlGan.Trainers.Networks;

/// <summary>MLP generator (<see cref="MlpGenerator"/>) and MLP critic (<see cref="MlpDiscriminator"/>).</summary>
internal sealed class MlpNetwork : GanNetwork
{
    public override string Name => "mlp";
    public override bool UsesHiddenLayers => true;

    public override void ValidateShape(long[]? imageShape, string optionName)
    {
        if (imageShape is not null) ImageShape.Check(imageShape, optionName, 1);
    }

    public override (GeneratorModule, DiscriminatorModule) Create(GanNetworkSpec s) =>
        (new MlpGenerator(s.LatentDimension, s.SampleShape, s.Width, s.HiddenLayers, s.OutputActivation, s.Seed),
            new MlpDiscriminator(s.SampleShape, s.Width, s.HiddenLayers, s.SpectralNorm, unchecked(s.Seed + 1)));
}

/// <summary>Theorem 2.1's model: <see cref="HiddenLayerGenerator"/> V·ReLU(Wz) and the <see cref="LinearDiscriminator"/>.</summary>
internal sealed class HiddenLayerNetwork : GanNetwork
{
    public override string Name => "hidden-layer";

    public override void ValidateShape(long[]? imageShape, string optionName)
    {
        if (imageShape is not null)
            throw new ArgumentException($"Network hidden-layer is Theorem 2.1's vector model: leave {optionName} unset.", optionName);
    }

    public override (double Low, double High)? OutputRange(GanNetworkSpec spec) => null;

    public override (GeneratorModule, DiscriminatorModule) Create(GanNetworkSpec s) =>
        (new HiddenLayerGenerator(s.LatentDimension, (int)s.SampleShape[0], s.Width, seed: s.Seed), new LinearDiscriminator(s.SampleShape));
}

/// <summary>The convolutional pairs: images (C, H, W) with H, W multiples of 4; the generator ends in tanh.</summary>
internal abstract class ConvolutionalNetwork : GanNetwork
{
    public override void ValidateShape(long[]? imageShape, string optionName)
    {
        if (imageShape is null)
            throw new ArgumentException($"Network {Name} is convolutional: set {optionName} to (C, H, W).", optionName);
        ImageShape.Check(imageShape, optionName, 4);
    }

    public override (double Low, double High)? OutputRange(GanNetworkSpec spec) => (-1.0, 1.0);
}

/// <summary><see cref="DcganGenerator"/> and <see cref="DcganDiscriminator"/>.</summary>
internal sealed class DcganNetwork : ConvolutionalNetwork
{
    public override string Name => "dcgan";

    public override (GeneratorModule, DiscriminatorModule) Create(GanNetworkSpec s) =>
        (new DcganGenerator(s.LatentDimension, s.Width, s.SampleShape, s.Seed), new DcganDiscriminator(s.Width, s.SampleShape, s.SpectralNorm, unchecked(s.Seed + 1)));
}

/// <summary><see cref="ResNetGenerator"/> and <see cref="ResNetDiscriminator"/>.</summary>
internal sealed class ResNetNetwork : ConvolutionalNetwork
{
    public override string Name => "resnet";

    public override (GeneratorModule, DiscriminatorModule) Create(GanNetworkSpec s) =>
        (new ResNetGenerator(s.LatentDimension, s.Width, s.SampleShape, s.Seed), new ResNetDiscriminator(s.Width, s.SampleShape, s.SpectralNorm, unchecked(s.Seed + 1)));
}
