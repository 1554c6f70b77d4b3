using MlGan.Transforms.Generators;
using TorchSharp;

namespace MlGan.Transforms.Onnx;

/// <summary>The ONNX model of a generator network with its mlgan.* metadata (used by the transformer and by checkpoints).</summary>
public static class GeneratorOnnx
{
    /// <summary>Input <paramref name="inputName"/> [N, k], output <paramref name="outputName"/> [N, ...shape], opset 17.</summary>
    /// <exception cref="NotSupportedException">The generator does not implement <see cref="IOnnxExportableGenerator"/>.</exception>
    public static Proto.ModelProto Build(GeneratorModule generator, GeneratorMetadata metadata,
        string inputName = GeneratorTransformer.OnnxInputName, string outputName = GeneratorTransformer.OnnxOutputName)
    {
        Guard.NotNull(generator, nameof(generator));
        Guard.NotNull(metadata, nameof(metadata));
        var exportable = AsExportable(generator);
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var graph = new OnnxGraphBuilder("mlgan_generator");
        graph.AddInput(inputName, -1, generator.LatentDimension);
        exportable.AppendOnnx(graph, inputName, outputName);
        graph.AddOutput(outputName, new[] { -1L }.Concat(generator.OutputShape).ToArray());
        foreach (var (key, value) in metadata.ToProperties()) graph.SetMetadata(key, value);
        return graph.Build();
    }

    /// <summary>True when <paramref name="generator"/> can write its ONNX graph.</summary>
    public static bool CanExport(GeneratorModule generator) => generator is IOnnxExportableGenerator;

    /// <summary>The generator's ONNX contract, or an error that says what to implement.</summary>
    public static IOnnxExportableGenerator AsExportable(GeneratorModule generator) =>
        generator as IOnnxExportableGenerator ?? throw new NotSupportedException(
            $"The generator '{generator.Architecture}' ({generator.GetType().FullName}) cannot be exported to ONNX: derive it from " +
            $"{typeof(GeneratorModule).FullName} and implement {typeof(IOnnxExportableGenerator).FullName}.AppendOnnx (write its inference graph " +
            "with OnnxGraphBuilder). Training, Generate and checkpoints work without it; ONNX export, Transform, ml.Model.Save and serving need it.");
}
