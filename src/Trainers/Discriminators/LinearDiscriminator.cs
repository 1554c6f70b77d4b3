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

    public LinearDiscriminator(long[] inputShape) : base(nameof(LinearDiscriminator), inputShape)
    {
        d = new Parameter(zeros(InputSize), requires_grad: true);
        RegisterComponents();
    }

    public override string Architecture => "linear";
    public Parameter Coefficients => d;
    public Tensor Features(Tensor x) => x.reshape(x.shape[0], -1);
    public override Tensor forward(Tensor x) => Features(x).matmul(d);
    public IReadOnlyList<Parameter> Weights => [d];
    public Tensor Forward(Tensor x, IReadOnlyList<Tensor> weights) => Features(x).matmul(weights[0]);
}
