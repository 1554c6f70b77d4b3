using MlGan.Transforms.Generators;
using TorchSharp;

namespace MlGan.Transforms.Onnx;

/// <summary>The ONNX model of a generator network with its mlgan.* metadata (used by the transformer and by checkpoints).</summary>
public static class GeneratorOnnx
{
    /// <summary>Input <paramref name="inputName"/> [N, k], output <paramref name="outputName"/> [N, ...shape], opset 17.</summary>
    public static Proto.ModelProto Build(GeneratorModule generator, GeneratorMetadata metadata,
        string inputName = GeneratorTransformer.OnnxInputName, string outputName = GeneratorTransformer.OnnxOutputName)
    {
        Guard.NotNull(generator, nameof(generator));
        Guard.NotNull(metadata, nameof(metadata));
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var graph = new OnnxGraphBuilder("mlgan_generator");
        graph.AddInput(inputName, -1, generator.LatentDimension);
        generator.AppendOnnx(graph, inputName, outputName);
        graph.AddOutput(outputName, new[] { -1L }.Concat(generator.OutputShape).ToArray());
        foreach (var (key, value) in metadata.ToProperties()) graph.SetMetadata(key, value);
        return graph.Build();
    }
}
