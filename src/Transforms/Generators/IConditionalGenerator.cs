using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>
/// A class-conditional generator G(z, y): latent codes z [N, k] and int64 class labels y [N] in [0, ClassCount) ↦
/// samples. The trainers, the transformer (a label column next to the latent column), checkpoints, ONNX export (a
/// second graph input <c>label</c>, int64 [N]) and serving recognise it by this interface.
/// </summary>
public interface IConditionalGenerator
{
    /// <summary>C, the number of classes (≥ 2); labels lie in [0, C).</summary>
    int ClassCount { get; }

    /// <summary>Latents z [N, k] and labels y [N] (int64, same device) ↦ samples [N, ...OutputShape].</summary>
    Tensor forward(Tensor latents, Tensor labels);
}

/// <summary>The ONNX contract of a conditional generator: its inference graph from two inputs.</summary>
public interface IOnnxExportableConditionalGenerator
{
    /// <summary>
    /// Appends the inference graph from the float input <paramref name="latentInput"/> [N, k] and the int64 input
    /// <paramref name="labelInput"/> [N] to <paramref name="output"/> [N, ...OutputShape] (under no_grad, eval mode).
    /// </summary>
    void AppendOnnx(Onnx.OnnxGraphBuilder graph, string latentInput, string labelInput, string output);
}
