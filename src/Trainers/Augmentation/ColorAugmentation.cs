using static TorchSharp.torch;

namespace MlGan.Trainers.Augmentation;

/// <summary>
/// DiffAugment's <c>color</c> policy (Zhao et al. 2020, the paper's code): per sample, brightness x + b with
/// b ~ U(−0.5, 0.5); saturation (x − x̄_c)·s + x̄_c with s ~ U(0, 2) and x̄_c the per-pixel mean over channels;
/// contrast (x − x̄)·k + x̄ with k ~ U(0.5, 1.5) and x̄ the per-sample mean; in that order, no clamping.
/// </summary>
/// <remarks>
/// On MlGan's [−1, 1] images (the paper's code works on [−1, 1] too) b = ±0.5 is ±¼ of the value range, i.e. ±0.25
/// on a [0, 1] scale. Saturation and contrast scale deviations from a mean, which an affine change of scale maps to
/// itself, so s and k mean the same on either scale. With one channel x̄_c = x and saturation is the identity.
/// Every step is affine in x, hence differentiable, and each step keeps the per-sample mean of the previous one
/// (the channel mean and the sample mean are invariant under scaling around them), so the output's per-sample mean
/// is the input's plus b.
/// </remarks>
internal static class ColorAugmentation
{
    /// <summary>The per-sample factors: brightness shifts b, saturation factors s, contrast factors k.</summary>
    internal sealed record Draws(double[] Brightness, double[] Saturation, double[] Contrast);

    /// <summary>Draws, in order, <paramref name="count"/> float64 uniforms each for b, s and k from <paramref name="random"/>.</summary>
    internal static Draws Draw(long count, Generator random) => new(
        Uniform(count, random).Select(u => u - 0.5).ToArray(),
        Uniform(count, random).Select(u => 2 * u).ToArray(),
        Uniform(count, random).Select(u => u + 0.5).ToArray());

    /// <summary>The colour transform of a batch [N, C, H, W] with the factors <paramref name="draws"/> (N each).</summary>
    internal static Tensor Apply(Tensor images, Draws draws)
    {
        var brightened = images + PerSample(draws.Brightness, images);
        var channelMean = brightened.mean(new long[] { 1 }, keepdim: true);
        var saturated = (brightened - channelMean) * PerSample(draws.Saturation, images) + channelMean;
        var sampleMean = saturated.mean(new long[] { 1, 2, 3 }, keepdim: true);
        return (saturated - sampleMean) * PerSample(draws.Contrast, images) + sampleMean;
    }

    private static double[] Uniform(long count, Generator random) =>
        rand(new[] { count }, dtype: ScalarType.Float64, generator: random).data<double>().ToArray();

    /// <summary>One factor per sample as an [N, 1, 1, 1] tensor in the batch's dtype and device.</summary>
    private static Tensor PerSample(double[] values, Tensor like) =>
        tensor(values).to(like.dtype, like.device).view(values.Length, 1, 1, 1);
}
