using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// Stochastic augmentations T for consistency regularisation (<see cref="BalancedConsistencyRegularization"/>): each
/// takes a batch and the run's penalty stream and returns an augmented batch of the same shape, outside any graph.
/// </summary>
public static class ConsistencyAugmentations
{
    /// <summary>σ of the default Gaussian noise for vector data: a tenth of the unit scale that MlGan's data transforms produce.</summary>
    public const double DefaultNoiseStd = 0.1;

    /// <summary>
    /// The default T: <see cref="FlipAndTranslate"/> for image batches [B, C, H, W], <see cref="GaussianNoise"/> with
    /// σ = <paramref name="noiseStd"/> (&gt; 0) for every other shape (vectors [B, n] in particular).
    /// </summary>
    public static Func<Tensor, torch.Generator, Tensor> Default(double noiseStd = DefaultNoiseStd)
    {
        Guard.Positive(noiseStd, nameof(noiseStd));
        return (x, random) => x.dim() == 4 ? FlipAndTranslate(x, random) : GaussianNoise(x, noiseStd, random);
    }

    /// <summary>
    /// The CIFAR augmentation of Zhao et al. (2020): each image is flipped horizontally with probability ½ and shifted
    /// by an integer (dy, dx), uniform on [−⌊H/8⌋, ⌊H/8⌋] × [−⌊W/8⌋, ⌊W/8⌋] (±4 pixels at 32×32), the uncovered
    /// border filled with zeros. Draws, in order: B uniforms for the flips, B row shifts, B column shifts.
    /// </summary>
    public static Tensor FlipAndTranslate(Tensor images, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (images.dim() != 4)
            throw new ArgumentException($"images must be a batch [B, C, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        long maxDy = height / 8, maxDx = width / 8;
        var flip = (rand(new[] { count }, generator: random) < 0.5).data<bool>().ToArray();
        var dy = randint(-maxDy, maxDy + 1, new[] { count }, generator: random).data<long>().ToArray();
        var dx = randint(-maxDx, maxDx + 1, new[] { count }, generator: random).data<long>().ToArray();
        using var _ = no_grad();
        // Zero padding by the largest shift, then a crop at the shifted origin, is a translation with zero fill;
        // the padding is symmetric, so flipping the padded image flips the original.
        var padded = nn.functional.pad(images.detach(), new[] { maxDx, maxDx, maxDy, maxDy });
        var augmented = new Tensor[count];
        for (long i = 0; i < count; i++)
        {
            var image = flip[i] ? padded[i].flip(2) : padded[i];
            augmented[i] = image.narrow(1, maxDy + dy[i], height).narrow(2, maxDx + dx[i], width);
        }
        return stack(augmented).MoveToOuterDisposeScope();
    }

    /// <summary>x + σ·n, n ~ N(0, 1) elementwise with the batch's shape and dtype (one draw); σ = <paramref name="std"/> &gt; 0.</summary>
    public static Tensor GaussianNoise(Tensor x, double std, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(random);
        Guard.Positive(std, nameof(std));
        using var _ = no_grad();
        return x.detach() + randn(x.shape, dtype: x.dtype, generator: random).to(x.device) * std;
    }
}
