using System.CommandLine;
using MlGan.Transforms;
using MlGan.Transforms.Interop;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan export MODEL.zip --out G.onnx [--torch-fidelity]`: the generator's ONNX model out of an ML.NET zip
/// (ml.Model.Save, `mlgan train`, `mlgan import-torch`) or an .onnx file, with its input/output renamed to
/// "latent"/"sample" and its mlgan.* metadata kept; with --torch-fidelity, torch-fidelity's generator contract instead
/// (z float32 [N, k] → images uint8 [N, 3, H, W], see <see cref="TorchFidelityOnnx"/>). Written atomically.
/// </summary>
public static class ExportCommand
{
    /// <summary>The `export` verb.</summary>
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "ML.NET model zip of a generator (or an .onnx generator)." };
        var output = new Option<FileInfo>("--out") { Description = "ONNX file to write (input \"latent\" [N, k], output \"sample\" [N, ...]).", Required = true };
        var fidelity = new Option<bool>("--torch-fidelity")
        {
            Description = "Write torch-fidelity's ONNX generator instead: input \"z\" float32 [N, k], first output \"images\" uint8 [N, 3, H, W] " +
                "(the generator's range mapped to 0-255, rounded, clamped; grey replicated to 3 channels). Image generators with a bounded range only.",
        };
        var cmd = new Command("export", "Export a saved generator as a standalone ONNX file.") { model, output, fidelity };
        cmd.SetAction(parse => CliErrors.Run("export", () =>
        {
            var source = parse.GetValue(model)!.FullName;
            var target = parse.GetValue(output)!.FullName;
            var proto = GanCatalogLoadExtensions.ReadModel(source);
            var metadata = GeneratorMetadata.FromModel(proto, source); // refuses graphs that are not generators
            if (parse.GetValue(fidelity))
            {
                // The standard names first (a model zip's label input carries its column's name), then the contract's.
                var images = TorchFidelityOnnx.Build(OnnxGraphInterface.Rename(proto, GeneratorTransformer.OnnxInputName, GeneratorTransformer.OnnxOutputName, source), source);
                OnnxModelFile.Save(images, target);
                long[] shape = metadata.OutputShape;
                Console.WriteLine($"Wrote {target}: z [N, {metadata.LatentDimension}] → images uint8 [N, 3, {shape[1]}, {shape[2]}] for torch-fidelity:");
                Console.WriteLine("  " + TorchFidelityOnnx.FidelityCommand(target, metadata.LatentDimension, metadata.LatentDistribution, classCount: metadata.ClassCount));
                return 0;
            }
            var renamed = OnnxGraphInterface.Rename(proto, GeneratorTransformer.OnnxInputName, GeneratorTransformer.OnnxOutputName, source);
            OnnxModelFile.Save(renamed, target);
            Console.WriteLine($"Wrote {target}: latent [N, {metadata.LatentDimension}] → sample [N, {string.Join(", ", metadata.OutputShape)}]" +
                (metadata.Architecture is { } a ? $" ({a}, {metadata.LossFamily})" : "") + ".");
            return 0;
        }));
        return cmd;
    }
}
