using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Generators;

namespace MlGan.Trainers.Networks;

/// <summary>
/// Makes any network pair class-conditional: the generator is built for latent k + e and wrapped in a
/// <see cref="ConditionalGenerator"/> (label embedding of width e), the critic wrapped in a
/// <see cref="ProjectionDiscriminator"/> or <see cref="AuxiliaryClassifierDiscriminator"/> (it must expose
/// <see cref="IFeatureDiscriminator"/>). The unconditional networks' initialisation is kept; the new parts draw from
/// seeds of their own (Seed + 5, Seed + 6).
/// </summary>
internal static class ConditionalNetworks
{
    public static (GeneratorModule Generator, DiscriminatorModule Discriminator) Create(GanNetwork network, GanNetworkSpec spec,
        int classCount, GanConditioning conditioning, int embeddingDimension, double auxiliaryWeight)
    {
        var (g, d) = network.Create(spec with { LatentDimension = spec.LatentDimension + embeddingDimension });
        try
        {
            var generator = new ConditionalGenerator(g, classCount, embeddingDimension, unchecked(spec.Seed + 5));
            DiscriminatorModule critic = conditioning switch
            {
                GanConditioning.Projection => new ProjectionDiscriminator(d, classCount, spec.SpectralNorm, unchecked(spec.Seed + 6)),
                GanConditioning.AuxiliaryClassifier => new AuxiliaryClassifierDiscriminator(d, classCount, auxiliaryWeight, spec.SpectralNorm, unchecked(spec.Seed + 6)),
                _ => throw new ArgumentOutOfRangeException(nameof(conditioning), conditioning, "Unknown conditioning."),
            };
            return (generator, critic);
        }
        catch
        {
            g.Dispose();
            d.Dispose();
            throw;
        }
    }
}
