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

    public static string BatchNorm(OnnxGraphBuilder graph, string prefix, BatchNorm1d bn, string x, string? output = null) =>
        BatchNorm(graph, prefix, bn.weight!, bn.bias!, bn.running_mean!, bn.running_var!, bn.eps, x, output);

    public static string BatchNorm(OnnxGraphBuilder graph, string prefix, BatchNorm2d bn, string x, string? output = null) =>
        BatchNorm(graph, prefix, bn.weight!, bn.bias!, bn.running_mean!, bn.running_var!, bn.eps, x, output);

    public static string Conv(OnnxGraphBuilder graph, string prefix, Conv2d conv, long stride, long padding, string x, string? output = null)
    {
        string w = graph.AddInitializer(prefix + "_w", conv.weight!);
        string? b = conv.bias is null ? null : graph.AddInitializer(prefix + "_b", conv.bias);
        return graph.Conv(x, w, b, [stride, stride], [padding, padding], output: output);
    }

    public static string ConvTranspose(OnnxGraphBuilder graph, string prefix, ConvTranspose2d conv, long stride, long padding, string x, string? output = null)
    {
        string w = graph.AddInitializer(prefix + "_w", conv.weight!);
        string? b = conv.bias is null ? null : graph.AddInitializer(prefix + "_b", conv.bias);
        return graph.ConvTranspose(x, w, b, [stride, stride], [padding, padding], output: output);
    }
}
