using MlGan.Transforms.Onnx;
using TorchSharp;
using TorchSharp.Modules;

namespace MlGan.Transforms.Generators;

/// <summary>ONNX export of the TorchSharp layers the MlGan networks are built from (inference form).</summary>
public static class OnnxLayers
{
    /// <summary>y = x·Wᵀ + b (Gemm with transB, W in PyTorch's [out, in] layout).</summary>
    public static string Linear(OnnxGraphBuilder graph, string prefix, Linear layer, string x, string? output = null)
    {
        string w = graph.AddInitializer(prefix + "_w", layer.weight!);
        string? b = layer.bias is null ? null : graph.AddInitializer(prefix + "_b", layer.bias);
        return graph.Gemm(x, w, b, transB: true, output: output);
    }

    /// <summary>Inference-mode BatchNorm (running statistics); works for [N, C] and [N, C, H, W].</summary>
    public static string BatchNorm(OnnxGraphBuilder graph, string prefix, torch.Tensor weight, torch.Tensor bias,
        torch.Tensor runningMean, torch.Tensor runningVar, double eps, string x, string? output = null) =>
        graph.BatchNormalization(x,
            graph.AddInitializer(prefix + "_gamma", weight), graph.AddInitializer(prefix + "_beta", bias),
            graph.AddInitializer(prefix + "_mean", runningMean), graph.AddInitializer(prefix + "_var", runningVar),
            (float)eps, output: output);

    /// <summary>Inference-mode <paramref name="bn"/> on [N, C] (running statistics, the layer's ε).</summary>
    /// <param name="graph">The graph to append to.</param>
    /// <param name="prefix">Stem of the initializer names (<c>_gamma</c>, <c>_beta</c>, <c>_mean</c>, <c>_var</c>); unique per layer.</param>
    /// <param name="bn">The layer; its affine weight and running statistics must exist.</param>
    /// <param name="x">Name of the input value.</param>
    /// <param name="output">Name of the result; null invents one.</param>
    /// <returns>The name of the result.</returns>
    public static string BatchNorm(OnnxGraphBuilder graph, string prefix, BatchNorm1d bn, string x, string? output = null) =>
        BatchNorm(graph, prefix, bn.weight!, bn.bias!, bn.running_mean!, bn.running_var!, bn.eps, x, output);

    /// <summary>Inference-mode <paramref name="bn"/> on [N, C, H, W] (running statistics, the layer's ε).</summary>
    /// <param name="graph">The graph to append to.</param>
    /// <param name="prefix">Stem of the initializer names (<c>_gamma</c>, <c>_beta</c>, <c>_mean</c>, <c>_var</c>); unique per layer.</param>
    /// <param name="bn">The layer; its affine weight and running statistics must exist.</param>
    /// <param name="x">Name of the input value.</param>
    /// <param name="output">Name of the result; null invents one.</param>
    /// <returns>The name of the result.</returns>
    public static string BatchNorm(OnnxGraphBuilder graph, string prefix, BatchNorm2d bn, string x, string? output = null) =>
        BatchNorm(graph, prefix, bn.weight!, bn.bias!, bn.running_mean!, bn.running_var!, bn.eps, x, output);

    /// <summary>
    /// <paramref name="conv"/> (weights [M, C, kH, kW], optional bias) with the same <paramref name="stride"/> and
    /// symmetric <paramref name="padding"/> on both axes. The layer's own stride, padding, dilation and groups are not
    /// read: pass the ones it was built with (dilation 1, one group).
    /// </summary>
    /// <param name="graph">The graph to append to.</param>
    /// <param name="prefix">Stem of the initializer names (<c>_w</c>, <c>_b</c>); unique per layer.</param>
    /// <param name="conv">The layer.</param>
    /// <param name="stride">Stride on both spatial axes, ≥ 1.</param>
    /// <param name="padding">Zero padding on every side, ≥ 0.</param>
    /// <param name="x">Name of the input value.</param>
    /// <param name="output">Name of the result; null invents one.</param>
    /// <returns>The name of the result.</returns>
    public static string Conv(OnnxGraphBuilder graph, string prefix, Conv2d conv, long stride, long padding, string x, string? output = null)
    {
        string w = graph.AddInitializer(prefix + "_w", conv.weight!);
        string? b = conv.bias is null ? null : graph.AddInitializer(prefix + "_b", conv.bias);
        return graph.Conv(x, w, b, [stride, stride], [padding, padding], output: output);
    }

    /// <summary>
    /// <paramref name="conv"/> (weights [C, M, kH, kW], optional bias) with the same <paramref name="stride"/> and
    /// symmetric <paramref name="padding"/> on both axes and no output padding. The layer's own settings are not read:
    /// pass the ones it was built with.
    /// </summary>
    /// <param name="graph">The graph to append to.</param>
    /// <param name="prefix">Stem of the initializer names (<c>_w</c>, <c>_b</c>); unique per layer.</param>
    /// <param name="conv">The layer.</param>
    /// <param name="stride">Stride on both spatial axes, ≥ 1.</param>
    /// <param name="padding">PyTorch's <c>padding</c> (cropped from every side of the output), ≥ 0.</param>
    /// <param name="x">Name of the input value.</param>
    /// <param name="output">Name of the result; null invents one.</param>
    /// <returns>The name of the result.</returns>
    public static string ConvTranspose(OnnxGraphBuilder graph, string prefix, ConvTranspose2d conv, long stride, long padding, string x, string? output = null)
    {
        string w = graph.AddInitializer(prefix + "_w", conv.weight!);
        string? b = conv.bias is null ? null : graph.AddInitializer(prefix + "_b", conv.bias);
        return graph.ConvTranspose(x, w, b, [stride, stride], [padding, padding], output: output);
    }
}
