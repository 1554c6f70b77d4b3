using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// The linear discriminator D(x) = dᵀx of Sajedi et al. (2021), Theorem 2.1 (no bias; d₀ = 0 as in the theorem).
/// Ψ is the identity on the flattened sample, so it is linear in its parameters.
/// </summary>
public sealed class LinearDiscriminator : DiscriminatorModule, ILinearInParameters, IFunctionalDiscriminator
{
    private readonly Parameter d;

    /// <summary>A linear critic with d = 0.</summary>
    /// <param name="inputShape">Shape of one sample, non-empty with positive sizes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inputShape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputShape"/> is empty or has a size ≤ 0.</exception>
    public LinearDiscriminator(long[] inputShape) : base(nameof(LinearDiscriminator), inputShape)
    {
        d = new Parameter(zeros(InputSize), requires_grad: true);
        RegisterComponents();
    }

    /// <summary><c>linear</c>.</summary>
    public override string Architecture => "linear";
    /// <summary>d [n·…], one weight per flattened input coordinate.</summary>
    public Parameter Coefficients => d;
    /// <summary>Ψ(x) = x flattened per sample: [N, InputSize].</summary>
    public Tensor Features(Tensor x) => x.reshape(x.shape[0], -1);
    /// <summary>D(x) = dᵀx: [N].</summary>
    public override Tensor forward(Tensor x) => Features(x).matmul(d);
    /// <summary>[d].</summary>
    public IReadOnlyList<Parameter> Weights => [d];
    /// <summary>wᵀx with <c>weights[0]</c> in place of d: [N].</summary>
    public Tensor Forward(Tensor x, IReadOnlyList<Tensor> weights) => Features(x).matmul(weights[0]);
}
