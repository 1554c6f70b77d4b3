using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// A discriminator that can be evaluated with substituted weights, f(x; w), so a generator step can
/// differentiate through unrolled discriminator updates (the unrolled dynamics).
/// </summary>
public interface IFunctionalDiscriminator
{
    /// <summary>The trained weights, in the order <see cref="Forward"/> expects them.</summary>
    IReadOnlyList<TorchSharp.Modules.Parameter> Weights { get; }

    /// <summary>f(x; w) with <paramref name="weights"/> in place of <see cref="Weights"/>: [N].</summary>
    Tensor Forward(Tensor x, IReadOnlyList<Tensor> weights);
}
