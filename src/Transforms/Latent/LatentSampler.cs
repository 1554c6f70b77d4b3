using MlGan.Transforms.Data;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Latent;

/// <summary>
/// The one place that knows how latent codes z of a <see cref="LatentDistribution"/> are drawn: seeded float
/// rows for data views, serving and scoring, and TorchSharp tensors from a generator's stream for training.
/// </summary>
public static class LatentSampler
{
    /// <summary>
    /// <paramref name="count"/> latent rows of <paramref name="dimension"/> values from MlGan's portable seeded
    /// stream (<see cref="SeededRandom"/>): the same (dimension, count, seed, distribution) gives the same rows on
    /// every machine, so served and scored samples are reproducible from a seed alone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive dimension or count, or an unknown distribution.</exception>
    public static float[][] Sample(int dimension, int count, int seed, LatentDistribution distribution)
    {
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(count, nameof(count));
        CheckDefined(distribution);
        var random = new SeededRandom(seed);
        var rows = new float[count][];
        for (int n = 0; n < count; n++)
        {
            var row = new float[dimension];
            for (int d = 0; d < dimension; d++)
                row[d] = distribution == LatentDistribution.Gaussian ? (float)random.Normal() : (float)random.Uniform(-1, 1);
            rows[n] = row;
        }
        return rows;
    }

    /// <summary>
    /// A latent batch [count, dimension] of the default dtype on the CPU, drawn from <paramref name="random"/>:
    /// Gaussian is <c>randn</c>, Uniform is <c>rand · 2 − 1</c> (on [-1, 1)). Each call advances the generator's
    /// stream, so a trainer seeding its own generator draws the same batches run after run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive count or dimension, or an unknown distribution.</exception>
    public static Tensor Sample(long count, int dimension, LatentDistribution distribution, torch.Generator random)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"{nameof(count)} must be a positive integer (≥ 1); got {count}.");
        Guard.Positive(dimension, nameof(dimension));
        CheckDefined(distribution);
        Guard.NotNull(random, nameof(random));
        TorchNative.EnsureAvailable();
        if (distribution == LatentDistribution.Gaussian) return randn(count, dimension, generator: random);
        using var scope = NewDisposeScope();
        return (rand(count, dimension, generator: random) * 2 - 1).MoveToOuterDisposeScope();
    }

    private static void CheckDefined(LatentDistribution distribution)
    {
        if (!Enum.IsDefined(distribution))
            throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown latent distribution.");
    }
}
