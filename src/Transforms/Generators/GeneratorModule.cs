using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>
/// A generator network z ∈ R^k ↦ sample. Every architecture (random-feature, V·ReLU(Wz), MLP, DCGAN,
/// ResNet) derives from this, so the transformer, checkpoints and ONNX export treat them alike.
/// </summary>
public abstract class GeneratorModule : nn.Module<Tensor, Tensor>
{
    protected GeneratorModule(string name, int latentDimension, long[] outputShape) : base(Native.TorchNative.Gate(name))
    {
        Guard.Positive(latentDimension, nameof(latentDimension));
        LatentDimension = latentDimension;
        OutputShape = outputShape;
    }

    /// <summary>k, the length of a latent code.</summary>
    public int LatentDimension { get; }

    /// <summary>Shape of one sample: [n] for vectors, [C, H, W] for images.</summary>
    public long[] OutputShape { get; }

    /// <summary>Number of floats in one sample.</summary>
    public int OutputSize => checked((int)OutputShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Short architecture name written into checkpoints and ONNX metadata.</summary>
    public abstract string Architecture { get; }

    /// <summary>
    /// Appends this network's inference graph to <paramref name="graph"/>, from the float input
    /// <paramref name="input"/> [N, k] to an output named <paramref name="output"/> of shape [N, ...OutputShape].
    /// </summary>
    public abstract void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output);
}
