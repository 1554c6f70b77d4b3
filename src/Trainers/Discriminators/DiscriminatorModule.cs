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
    protected DiscriminatorModule(string name, long[] inputShape) : base(MlGan.Transforms.Native.TorchNative.Gate(name))
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentOutOfRangeException(nameof(inputShape), $"inputShape must be non-empty with positive sizes; got [{string.Join(", ", inputShape)}].");
        InputShape = inputShape.ToArray();
    }

    /// <summary>Shape of one sample: [n] or [C, H, W].</summary>
    public long[] InputShape { get; }

    public int InputSize => checked((int)InputShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Short architecture name (checkpoints, logs).</summary>
    public abstract string Architecture { get; }
}

/// <summary>
/// A discriminator linear in its trained parameters: f(x) = ηᵀΨ(x) with Ψ fixed. For these, the ℓ2-regularised
/// WGAN inner problem has the closed-form solution η* = EΨ(X) − EΨ(G(Z)) (the optimal-discriminator dynamics).
/// </summary>
public interface ILinearInParameters
{
    /// <summary>Ψ(x): [N, p], no gradient to η.</summary>
    Tensor Features(Tensor x);

    /// <summary>η: [p], the only trained parameter.</summary>
    TorchSharp.Modules.Parameter Coefficients { get; }
}
