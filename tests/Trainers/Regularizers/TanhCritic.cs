using MlGan.Trainers.Discriminators;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>
/// f(x) = vᵀ tanh(Wx + b) in float64: smooth in its input and its weights (unlike the LeakyReLU critics, whose input
/// gradient is piecewise constant in x), so central differences of a gradient penalty in the weights are exact to
/// O(h²) and every weight receives a gradient.
/// </summary>
internal sealed class TanhCritic : DiscriminatorModule
{
    private readonly Parameter w, b, v;

    public TanhCritic(long[] inputShape, int hidden, ulong seed, double scale = 1.0) : base(nameof(TanhCritic), inputShape)
    {
        var random = new torch.Generator(seed);
        w = new Parameter(randn(new long[] { hidden, InputSize }, dtype: ScalarType.Float64, generator: random) * scale, requires_grad: true);
        b = new Parameter(randn(new long[] { hidden }, dtype: ScalarType.Float64, generator: random) * 0.5, requires_grad: true);
        v = new Parameter(randn(new long[] { hidden }, dtype: ScalarType.Float64, generator: random) * scale, requires_grad: true);
        RegisterComponents();
    }

    public override string Architecture => "tanh";

    public override Tensor forward(Tensor x) => tanh(x.reshape(x.shape[0], -1).matmul(w.t()) + b).matmul(v);
}
