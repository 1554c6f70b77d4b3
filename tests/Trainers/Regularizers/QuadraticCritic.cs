using MlGan.Trainers.Discriminators;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>
/// f(x) = ½Σⱼ aⱼxⱼ² in float64 (x flattened): ∇ₓf = a ⊙ x depends on where it is evaluated, so closed forms
/// reveal the points a penalty uses.
/// </summary>
internal sealed class QuadraticCritic : DiscriminatorModule
{
    private readonly Parameter a;

    public QuadraticCritic(double[] curvature) : base(nameof(QuadraticCritic), [curvature.Length])
    {
        Curvature = curvature;
        a = new Parameter(tensor(curvature, dtype: ScalarType.Float64), requires_grad: true);
        RegisterComponents();
    }

    public double[] Curvature { get; }

    public override string Architecture => "quadratic";

    public override Tensor forward(Tensor x) => (x.reshape(x.shape[0], -1).square() * a).sum(1, keepdim: false) * 0.5;

    /// <summary>‖a ⊙ x‖₂, the gradient norm at one point, in plain doubles.</summary>
    public double GradientNorm(double[] x) => Math.Sqrt(x.Select((v, j) => Curvature[j] * v * Curvature[j] * v).Sum());
}
