using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers;

/// <summary>
/// The generator as a <see cref="TrainingEvaluation"/> sees it at one step: samples from the weights Fit would return
/// now, in eval mode, without gradients, on seeded latents (and for a conditional generator on balanced labels
/// 0, 1, …, C − 1, 0, 1, …), so successive evaluations compare like with like.
/// </summary>
public sealed class GeneratorSnapshot
{
    private readonly GeneratorModule _generator;
    private readonly LatentDistribution _distribution;
    private readonly Device _device;

    internal GeneratorSnapshot(GeneratorModule generator, LatentDistribution distribution, Device device, int step)
    {
        _generator = generator;
        _distribution = distribution;
        _device = device;
        Step = step;
    }

    /// <summary>Completed training steps.</summary>
    public int Step { get; }

    /// <summary>Shape of one sample.</summary>
    public long[] SampleShape => _generator.OutputShape.ToArray();

    /// <summary>C of a conditional generator; 0 otherwise.</summary>
    public int ClassCount => (_generator as IConditionalGenerator)?.ClassCount ?? 0;

    /// <summary>
    /// <paramref name="count"/> samples as flat rows (length = ∏ SampleShape), generated in chunks of
    /// <paramref name="chunk"/> from latents of the run's distribution seeded by <paramref name="seed"/>.
    /// </summary>
    public float[][] Generate(int count, int seed, int chunk = 500)
    {
        MlGan.Transforms.Guard.Positive(count, nameof(count));
        MlGan.Transforms.Guard.Positive(chunk, nameof(chunk));
        var random = new torch.Generator(unchecked((ulong)seed));
        var rows = new List<float[]>(count);
        int size = _generator.OutputSize, classes = ClassCount;
        using var _ = no_grad();
        for (int start = 0; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(chunk, count - start);
            var z = LatentSampler.Sample(n, _generator.LatentDimension, _distribution, random).to(_device);
            var x = _generator is IConditionalGenerator conditional
                ? conditional.forward(z, (arange(start, start + n, dtype: ScalarType.Int64) % classes).to(_device))
                : _generator.forward(z);
            var flat = x.reshape(n, size).cpu().data<float>().ToArray();
            for (int i = 0; i < n; i++) rows.Add(flat[(i * size)..((i + 1) * size)]);
        }
        return rows.ToArray();
    }

    /// <summary>The class of sample <paramref name="index"/> of <see cref="Generate"/> (balanced labels); -1 when unconditional.</summary>
    public int ClassOf(int index) => ClassCount > 0 ? index % ClassCount : -1;
}
