using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// A discriminator (critic) x ↦ logit f(x) ∈ R. Input batches have shape [N, ...InputShape]; the output is [N].
/// Every MlGan architecture (linear, MLP, DCGAN, ResNet) derives from this so dynamics and regularisers treat them alike.
/// </summary>
public abstract class DiscriminatorModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Loads libtorch (see <see cref="Transforms.Native.TorchNative.Gate"/>) and records a copy of the input shape.</summary>
    /// <param name="name">The TorchSharp module name.</param>
    /// <param name="inputShape">Shape of one sample, non-empty with positive sizes.</param>
    /// <exception cref="Transforms.Native.TorchNativeException">libtorch cannot be loaded.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputShape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputShape"/> is empty or has a size ≤ 0.</exception>
    protected DiscriminatorModule(string name, long[] inputShape) : base(MlGan.Transforms.Native.TorchNative.Gate(name))
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentOutOfRangeException(nameof(inputShape), $"inputShape must be non-empty with positive sizes; got [{string.Join(", ", inputShape)}].");
        InputShape = inputShape.ToArray();
    }

    /// <summary>Shape of one sample: [n] or [C, H, W].</summary>
    public long[] InputShape { get; }

    /// <summary>Number of floats in one sample (the product of <see cref="InputShape"/>).</summary>
    public int InputSize => checked((int)InputShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Short architecture name (checkpoints, logs).</summary>
    public abstract string Architecture { get; }

    /// <summary>
    /// A user's TorchSharp module x [N, ...inputShape] ↦ logits [N] or [N, 1] as an MlGan critic, named
    /// <paramref name="architecture"/> in checkpoints. Regularisers and the alternating / simultaneous dynamics work
    /// with it; the unrolled and optimal-critic rules need <see cref="IFunctionalDiscriminator"/> / <see cref="ILinearInParameters"/>.
    /// </summary>
    public static DiscriminatorModule Wrap(nn.Module<Tensor, Tensor> module, long[] inputShape, string architecture = "custom") =>
        new ModuleDiscriminator(module, inputShape, architecture);
}

/// <summary>
/// A critic linear in its trained parameters: f(x) = ηᵀΨ(x) with Ψ fixed — the linear critic dᵀx of the general
/// engine and the random-feature critic of No et al. For these, the ℓ2-regularised WGAN inner problem has the closed
/// form η* = (EΨ(X) − EΨ(G(Z)))/λ (<see cref="LinearCritic"/>; the optimal-linear-critic dynamics).
/// </summary>
public interface ILinearInParameters
{
    /// <summary>Ψ(x): [N, p], no gradient to η.</summary>
    Tensor Features(Tensor x);

    /// <summary>η: [p], the only trained parameter.</summary>
    TorchSharp.Modules.Parameter Coefficients { get; }
}
