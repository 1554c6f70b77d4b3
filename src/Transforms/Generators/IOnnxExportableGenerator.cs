namespace MlGan.Transforms.Generators;

/// <summary>
/// The ONNX-emitting contract: a generator that can write its own inference graph. Every built-in generator
/// implements it; a user's generator without it trains, generates and checkpoints, and only ONNX export (and what
/// rests on it: <c>Transform</c>, <c>ml.Model.Save</c>, serving) reports that this interface is missing.
/// </summary>
public interface IOnnxExportableGenerator
{
    /// <summary>
    /// Appends this network's inference graph to <paramref name="graph"/>, from the float input
    /// <paramref name="input"/> [N, k] to an output named <paramref name="output"/> of shape [N, ...OutputShape].
    /// Called under <c>torch.no_grad()</c> in eval mode; weights are read, not changed.
    /// </summary>
    void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output);
}
