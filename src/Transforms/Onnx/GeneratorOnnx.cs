using MlGan.Transforms.Generators;
using TorchSharp;

namespace MlGan.Transforms.Onnx;

/// <summary>The ONNX model of a generator network with its mlgan.* metadata (used by the transformer and by checkpoints).</summary>
public static class GeneratorOnnx
{
    /// <summary>
    /// Input <paramref name="inputName"/> [N, k] (and for a class-conditional generator the int64 input
    /// <paramref name="labelName"/> [N]), output <paramref name="outputName"/> [N, ...shape], opset 17.
    /// </summary>
    /// <exception cref="NotSupportedException">The generator does not implement <see cref="IOnnxExportableGenerator"/> (or, conditional, <see cref="IOnnxExportableConditionalGenerator"/>).</exception>
    /// <exception cref="ArgumentException">The metadata's class count differs from the generator's.</exception>
    public static Proto.ModelProto Build(GeneratorModule generator, GeneratorMetadata metadata,
        string inputName = GeneratorTransformer.OnnxInputName, string outputName = GeneratorTransformer.OnnxOutputName,
        string labelName = GeneratorTransformer.OnnxLabelInputName)
    {
        Guard.NotNull(generator, nameof(generator));
        Guard.NotNull(metadata, nameof(metadata));
        int classes = (generator as IConditionalGenerator)?.ClassCount ?? 0;
        if (metadata.ClassCount != classes)
            throw new ArgumentException($"The metadata says {metadata.ClassCount} classes but the generator '{generator.Architecture}' has {classes}.", nameof(metadata));
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var graph = new OnnxGraphBuilder("mlgan_generator");
        graph.AddInput(inputName, -1, generator.LatentDimension);
        if (classes > 0)
        {
            graph.AddInput(labelName, Proto.TensorProto.Types.DataType.Int64, -1);
            AsExportableConditional(generator).AppendOnnx(graph, inputName, labelName, outputName);
        }
        else
            AsExportable(generator).AppendOnnx(graph, inputName, outputName);
        graph.AddOutput(outputName, new[] { -1L }.Concat(generator.OutputShape).ToArray());
        foreach (var (key, value) in metadata.ToProperties()) graph.SetMetadata(key, value);
        return graph.Build();
    }

    /// <summary>True when <paramref name="generator"/> can write its ONNX graph.</summary>
    public static bool CanExport(GeneratorModule generator) =>
        generator is IConditionalGenerator ? generator is IOnnxExportableConditionalGenerator : generator is IOnnxExportableGenerator;

    /// <summary>Throws the NotSupportedException of <see cref="AsExportable"/> / <see cref="AsExportableConditional"/> when the generator cannot write its graph.</summary>
    public static void RequireExportable(GeneratorModule generator)
    {
        if (generator is IConditionalGenerator) AsExportableConditional(generator);
        else AsExportable(generator);
    }

    /// <summary>A conditional generator's ONNX contract, or an error that says what to implement.</summary>
    public static IOnnxExportableConditionalGenerator AsExportableConditional(GeneratorModule generator) =>
        generator as IOnnxExportableConditionalGenerator ?? throw new NotSupportedException(
            $"The conditional generator '{generator.Architecture}' ({generator.GetType().FullName}) cannot be exported to ONNX: implement " +
            $"{typeof(IOnnxExportableConditionalGenerator).FullName}.AppendOnnx (write its inference graph from the latent and label inputs).");

    /// <summary>The generator's ONNX contract, or an error that says what to implement.</summary>
    public static IOnnxExportableGenerator AsExportable(GeneratorModule generator) =>
        generator as IOnnxExportableGenerator ?? throw new NotSupportedException(
            $"The generator '{generator.Architecture}' ({generator.GetType().FullName}) cannot be exported to ONNX: derive it from " +
            $"{typeof(GeneratorModule).FullName} and implement {typeof(IOnnxExportableGenerator).FullName}.AppendOnnx (write its inference graph " +
            "with OnnxGraphBuilder). Training, Generate and checkpoints work without it; ONNX export, Transform, ml.Model.Save and serving need it.");
}
