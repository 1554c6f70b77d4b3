using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Diagnostics;

/// <summary>
/// Mode collapse seen in the samples rather than the losses, for any network and data (images included): after
/// training, <see cref="SamplesPerGroup"/> samples per class of a class-conditional generator (or of the whole
/// generator) are drawn and their diversity — the mean over output values of the standard deviation across samples —
/// is compared. A class whose diversity is below <see cref="RelativeThreshold"/> of the median class's has collapsed
/// within the class (the generator ignores z for that label); a generator whose diversity is below
/// <see cref="AbsoluteThreshold"/> produces one sample whatever z is.
/// </summary>
public static class SampleDiversityCheck
{
    /// <summary>Samples drawn per class (or for an unconditional generator).</summary>
    public const int SamplesPerGroup = 64;

    /// <summary>A class below this fraction of the median class's diversity is reported as collapsed.</summary>
    public const double RelativeThreshold = 0.1;

    /// <summary>Diversity below this (in output units) means the samples are the same for every latent.</summary>
    public const double AbsoluteThreshold = 1e-4;

    /// <summary>Diversity per class (one entry for an unconditional generator), from seeded latents; no gradients.</summary>
    public static double[] Measure(GeneratorModule generator, LatentDistribution distribution, int seed)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var random = new Generator(unchecked((ulong)seed));
        int groups = generator is IConditionalGenerator c ? c.ClassCount : 1;
        var device = generator.parameters().FirstOrDefault()?.device ?? CPU;
        var diversity = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            var z = LatentSampler.Sample(SamplesPerGroup, generator.LatentDimension, distribution, random).to(device);
            var x = generator is IConditionalGenerator conditional
                ? conditional.forward(z, full(SamplesPerGroup, (long)g, dtype: ScalarType.Int64, device: device))
                : generator.forward(z);
            diversity[g] = x.reshape(SamplesPerGroup, -1).to(ScalarType.Float64).std(0).mean().ToDouble();
        }
        return diversity;
    }

    /// <summary>Warnings for collapsed classes or a collapsed generator; empty when the samples vary.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<double> diversity)
    {
        ArgumentNullException.ThrowIfNull(diversity);
        var warnings = new List<string>();
        if (diversity.Count == 0) return warnings;
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        if (diversity.All(d => !(d >= AbsoluteThreshold)))
        {
            warnings.Add(string.Create(ci, $"mode collapse: the generator's samples are the same for every latent (diversity {diversity.Max():G3}, the mean over outputs of the std across {SamplesPerGroup} samples{(diversity.Count > 1 ? ", in every class" : "")})"));
            return warnings;
        }
        if (diversity.Count < 2) return warnings;
        double median = diversity.Order().ElementAt(diversity.Count / 2);
        var collapsed = Enumerable.Range(0, diversity.Count).Where(c => !(diversity[c] >= RelativeThreshold * median)).ToArray();
        if (collapsed.Length > 0)
            warnings.Add(string.Create(ci, $"mode collapse within class{(collapsed.Length > 1 ? "es" : "")} {string.Join(", ", collapsed)}: sample diversity " +
                $"{string.Join(", ", collapsed.Select(c => diversity[c].ToString("G3", ci)))} vs the median class's {median:G3} (below {RelativeThreshold:P0}); the generator ignores the latent for {(collapsed.Length > 1 ? "those labels" : "that label")}"));
        return warnings;
    }
}
