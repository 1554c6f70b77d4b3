using MlGan.Transforms.Data;
using TorchSharp;

namespace MlGan.Transforms.Latent;

/// <summary>Seeded latent codes: the same (dimension, count, seed, distribution) always gives the same rows.</summary>
public static class LatentSampler
{
    public static float[][] Sample(int dimension, int count, int seed, LatentDistribution distribution)
    {
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(count, nameof(count));
        var random = new SeededRandom(seed);
        var rows = new float[count][];
        for (int n = 0; n < count; n++)
        {
            var row = new float[dimension];
            for (int d = 0; d < dimension; d++)
                row[d] = distribution switch
                {
                    LatentDistribution.Gaussian => (float)random.Normal(),
                    LatentDistribution.Uniform => (float)random.Uniform(-1, 1),
                    _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown latent distribution."),
                };
            rows[n] = row;
        }
        return rows;
    }

    /// <summary>Latents [count, dimension] drawn from <paramref name="random"/> (the trainers' stream): randn, or 2·rand − 1.</summary>
    public static torch.Tensor Sample(long count, int dimension, LatentDistribution distribution, torch.Generator random) => distribution switch
    {
        LatentDistribution.Gaussian => torch.randn(count, dimension, generator: random),
        LatentDistribution.Uniform => torch.rand(count, dimension, generator: random) * 2 - 1,
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown latent distribution."),
    };
}
