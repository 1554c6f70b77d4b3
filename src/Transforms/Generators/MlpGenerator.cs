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

    public int Width { get; }
    public int HiddenLayers { get; }
    public OutputActivation OutputActivation { get; }
    public override string Architecture => "mlp";

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = z;
        for (int i = 0; i < layers.Count - 1; i++) h = F.relu(layers[i].forward(h));
        h = layers[layers.Count - 1].forward(h);
        if (OutputActivation == OutputActivation.Tanh) h = h.tanh();
        return h.reshape([-1, .. OutputShape]).MoveToOuterDisposeScope();
    }

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
