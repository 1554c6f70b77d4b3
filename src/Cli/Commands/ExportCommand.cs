using System.CommandLine;
using MlGan.Transforms;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan export MODEL.zip --out G.onnx`: the generator's ONNX model out of an ML.NET zip (ml.Model.Save, `mlgan train`)
/// or an .onnx file, with its input/output renamed to "latent"/"sample" and its mlgan.* metadata kept; written atomically.
/// </summary>
public static class ExportCommand
{
    /// <summary>The `export` verb.</summary>
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "ML.NET model zip of a generator (or an .onnx generator)." };
        var output = new Option<FileInfo>("--out") { Description = "ONNX file to write (input \"latent\" [N, k], output \"sample\" [N, ...]).", Required = true };
        var cmd = new Command("export", "Export a saved generator as a standalone ONNX file.") { model, output };
        cmd.SetAction(parse => CliErrors.Run("export", () =>
        {
            var source = parse.GetValue(model)!.FullName;
            var target = parse.GetValue(output)!.FullName;
            var proto = GanCatalogLoadExtensions.ReadModel(source);
            var metadata = GeneratorMetadata.FromModel(proto, source); // refuses graphs that are not generators
            var renamed = OnnxGraphInterface.Rename(proto, GeneratorTransformer.OnnxInputName, GeneratorTransformer.OnnxOutputName, source);
            OnnxModelFile.Save(renamed, target);
            Console.WriteLine($"Wrote {target}: latent [N, {metadata.LatentDimension}] → sample [N, {string.Join(", ", metadata.OutputShape)}]" +
                (metadata.Architecture is { } a ? $" ({a}, {metadata.LossFamily})" : "") + ".");
            return 0;
        }));
        return cmd;
    }
}
