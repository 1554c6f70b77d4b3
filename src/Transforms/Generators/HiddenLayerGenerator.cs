using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Transforms.Generators;

/// <summary>
/// The one-hidden-layer generator of Sajedi et al. (2021), Theorem 2.1: G(z) = V·ReLU(Wz) with
/// W ∈ R^{k×d} trained (initialised i.i.d. N(0, σ_w²)) and V ∈ R^{m×k} drawn i.i.d. N(0, σ_v²) and frozen.
/// k, the hidden width, is the overparameterisation; the theorem needs k ≳ m·d⁴·log³d for global
/// convergence of GDA against a linear, ℓ2-regularised discriminator.
/// </summary>
public sealed class HiddenLayerGenerator : GeneratorModule, IOnnxExportableGenerator
{
    private readonly Parameter hidden;
    private readonly Parameter readout;

    public HiddenLayerGenerator(int latentDimension, int outputDimension, int width, double sigmaW = 1.0, double sigmaV = 1.0, int seed = 0)
        : base(nameof(HiddenLayerGenerator), latentDimension, new long[] { outputDimension })
    {
        Guard.Positive(outputDimension, nameof(outputDimension));
        Guard.Positive(width, nameof(width));
        Guard.Positive(sigmaW, nameof(sigmaW));
        Guard.Positive(sigmaV, nameof(sigmaV));
        Width = width;
        var gen = new torch.Generator(unchecked((ulong)seed));
        hidden = new Parameter(randn(width, latentDimension, generator: gen) * sigmaW, requires_grad: true);
        readout = new Parameter(randn(outputDimension, width, generator: gen) * sigmaV, requires_grad: false);
        RegisterComponents();
    }

    public int Width { get; }
    public override string Architecture => "hidden-layer";

    /// <summary>W [k, d], the trained input-to-hidden weights.</summary>
    public Parameter W => hidden;
    /// <summary>V [m, k], fixed at its random draw.</summary>
    public Parameter V => readout;

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        return F.relu(z.matmul(hidden.t())).matmul(readout.t()).MoveToOuterDisposeScope();
    }

    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output)
    {
        string w = graph.AddInitializer("hl_w", hidden);
        string v = graph.AddInitializer("hl_v", readout);
        graph.Gemm(graph.Relu(graph.Gemm(input, w, transB: true)), v, transB: true, output: output);
    }
}
