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

    /// <summary>Draws W, then V, from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="latentDimension">d, the latent dimension, ≥ 1.</param>
    /// <param name="outputDimension">m, the data dimension, ≥ 1.</param>
    /// <param name="width">k, the hidden width, ≥ 1.</param>
    /// <param name="sigmaW">σ_w, the standard deviation of W's initial entries, finite, &gt; 0. Default 1.</param>
    /// <param name="sigmaV">σ_v, the standard deviation of V's fixed entries, finite, &gt; 0. Default 1.</param>
    /// <param name="seed">Seed of W and V. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is &lt; 1 or a σ is not a finite number &gt; 0.</exception>
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

    /// <summary>k, the hidden width (≥ 1).</summary>
    public int Width { get; }
    /// <summary><c>hidden-layer</c>.</summary>
    public override string Architecture => "hidden-layer";

    /// <summary>W [k, d], the trained input-to-hidden weights.</summary>
    public Parameter W => hidden;
    /// <summary>V [m, k], fixed at its random draw.</summary>
    public Parameter V => readout;

    /// <summary>G(z) = V·ReLU(Wz) row by row: z [N, d] ↦ [N, m].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        return F.relu(z.matmul(hidden.t())).matmul(readout.t()).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output)
    {
        string w = graph.AddInitializer("hl_w", hidden);
        string v = graph.AddInitializer("hl_v", readout);
        graph.Gemm(graph.Relu(graph.Gemm(input, w, transB: true)), v, transB: true, output: output);
    }
}
