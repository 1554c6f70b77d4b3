using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Generators;

/// <summary>
/// Fully connected generator: z ↦ [Linear(width) → ReLU] × hiddenLayers → Linear(output) → tanh or identity,
/// reshaped to <see cref="GeneratorModule.OutputShape"/>. The width k is the overparameterisation knob
/// (Sajedi et al. 2021, Fig. 3 MLP GANs).
/// </summary>
public sealed class MlpGenerator : GeneratorModule, IOnnxExportableGenerator
{
    private readonly ModuleList<Linear> layers;

    /// <summary>An MLP generator with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="latentDimension">k of the latent code z ∈ R^k, ≥ 1.</param>
    /// <param name="outputShape">Shape of one sample, non-empty with positive sizes ([n] for vectors, [C, H, W] for images); copied.</param>
    /// <param name="width">Units of every hidden layer, ≥ 1.</param>
    /// <param name="hiddenLayers">Number of hidden Linear → ReLU layers, ≥ 1. Default 2.</param>
    /// <param name="outputActivation">The last nonlinearity. Default <see cref="OutputActivation.Linear"/>.</param>
    /// <param name="seed">Seed of the initial weights. Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outputShape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public MlpGenerator(int latentDimension, long[] outputShape, int width, int hiddenLayers = 2,
        OutputActivation outputActivation = OutputActivation.Linear, int seed = 0)
        : base(nameof(MlpGenerator), latentDimension, CheckShape(outputShape))
    {
        Guard.Positive(width, nameof(width));
        Guard.Positive(hiddenLayers, nameof(hiddenLayers));
        Width = width;
        HiddenLayers = hiddenLayers;
        OutputActivation = outputActivation;
        layers = new ModuleList<Linear>();
        int input = latentDimension;
        for (int i = 0; i < hiddenLayers; i++, input = width) layers.Add(nn.Linear(input, width));
        layers.Add(nn.Linear(input, OutputSize));
        RegisterComponents();
        NetworkInit.Reset(this, seed);
    }

    /// <summary>Units of every hidden layer (≥ 1).</summary>
    public int Width { get; }
    /// <summary>Number of hidden layers (≥ 1).</summary>
    public int HiddenLayers { get; }
    /// <summary>The last nonlinearity: identity or tanh.</summary>
    public OutputActivation OutputActivation { get; }
    /// <summary><c>mlp</c>.</summary>
    public override string Architecture => "mlp";

    /// <summary>Latent codes z [N, k] ↦ samples [N, ...OutputShape].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = z;
        for (int i = 0; i < layers.Count - 1; i++) h = F.relu(layers[i].forward(h));
        h = layers[layers.Count - 1].forward(h);
        if (OutputActivation == OutputActivation.Tanh) h = h.tanh();
        return h.reshape([-1, .. OutputShape]).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output)
    {
        string h = input;
        for (int i = 0; i < layers.Count - 1; i++) h = graph.Relu(OnnxLayers.Linear(graph, $"mlp_g{i}", layers[i], h));
        bool reshape = OutputShape.Length > 1;
        bool tanh = OutputActivation == OutputActivation.Tanh;
        h = OnnxLayers.Linear(graph, "mlp_gout", layers[layers.Count - 1], h, output: tanh || reshape ? null : output);
        if (tanh) h = graph.Tanh(h, output: reshape ? null : output);
        if (reshape) graph.Reshape(h, [-1, .. OutputShape], output: output);
    }

    internal static long[] CheckShape(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentOutOfRangeException(nameof(shape), $"outputShape must be non-empty with positive sizes; got [{string.Join(", ", shape)}].");
        return shape.ToArray();
    }
}
