using MlGan.Transforms.Generators;

namespace MlGan.Trainers.Networks;

/// <summary>What a <see cref="GanNetwork"/> builds its generator and critic for (from the trainer options and the data).</summary>
public sealed record GanNetworkSpec
{
    /// <summary>k, the latent dimension (≥ 1).</summary>
    public required int LatentDimension { get; init; }

    /// <summary>Shape of one sample: [n] for vectors, [C, H, W] for images.</summary>
    public required long[] SampleShape { get; init; }

    /// <summary>Hidden width (MLP, hidden layer) or base filter count (DCGAN, ResNet) of both networks (≥ 1).</summary>
    public required int Width { get; init; }

    /// <summary>Hidden layers of the MLP networks (≥ 1).</summary>
    public required int HiddenLayers { get; init; }

    /// <summary>Spectral normalisation of the critic's layers.</summary>
    public required bool SpectralNorm { get; init; }

    /// <summary>Output nonlinearity requested for the generator (networks that always end in tanh ignore it).</summary>
    public required OutputActivation OutputActivation { get; init; }

    /// <summary>Initialisation seed of the generator; the critic uses <c>Seed + 1</c>.</summary>
    public required int Seed { get; init; }
}
