using MlGan.Transforms.Generators;
using MlGan.Transforms.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Extending;

/// <summary>
/// docs/extending.md, recipe 2: a user's generator, z ↦ W₂·tanh(W₁z + b₁) + b₂, that also writes its own ONNX
/// graph (<see cref="IOnnxExportableGenerator"/>), so it exports, saves and serves like a built-in.
/// </summary>
public sealed class TwoLayerGenerator : GeneratorModule, IOnnxExportableGenerator
{
    private readonly Linear hidden, output;

    /// <summary>A generator of <paramref name="outputShape"/> samples from k-dimensional latents through <paramref name="width"/> tanh units.</summary>
    public TwoLayerGenerator(int latentDimension, long[] outputShape, int width) : base(nameof(TwoLayerGenerator), latentDimension, outputShape)
    {
        hidden = nn.Linear(latentDimension, width);
        output = nn.Linear(width, OutputSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Architecture => "two-layer-tanh";

    /// <inheritdoc />
    public override Tensor forward(Tensor z) => output.forward(hidden.forward(z).tanh()).reshape([-1, .. OutputShape]);

    /// <inheritdoc />
    public void AppendOnnx(OnnxGraphBuilder graph, string input, string outputName)
    {
        string h = graph.Tanh(OnnxLayers.Linear(graph, "two_layer_hidden", hidden, input));
        OnnxLayers.Linear(graph, "two_layer_out", output, h, output: outputName);
    }
}
