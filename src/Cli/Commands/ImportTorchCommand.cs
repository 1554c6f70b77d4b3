using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MlGan.Trainers.Interop;
using MlGan.Transforms;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan import-torch G.pt --net dcgan --latent 100 --width 64 --shape 1,28,28 --out model.zip`: a generator trained
/// in PyTorch (its <c>state_dict</c> as a torch.save .pt or a safetensors file, under MlGan's parameter names or the
/// standard Sequential layout of tools/mlgan_torch_layouts.py) as an MlGan model zip, which <c>mlgan export</c> (ONNX,
/// torch-fidelity), <c>mlgan info</c> and ml.Gan().LoadGenerator read like a trained one; <c>--out G.onnx</c> writes
/// the ONNX generator for <c>mlgan serve</c> directly.
/// </summary>
public static class ImportTorchCommand
{
    /// <summary>The `import-torch` verb.</summary>
    public static Command Create()
    {
        var weights = new Argument<FileInfo>("weights") { Description = "The generator's state_dict: torch.save(G.state_dict(), 'G.pt') or a .safetensors file." };
        var net = new Option<string>("--net") { Description = "The architecture: dcgan, mlp or resnet (the layouts of tools/mlgan_torch_layouts.py).", Required = true };
        net.AcceptOnlyFromAmong("dcgan", "mlp", "resnet");
        var latent = new Option<int>("--latent") { Description = "k, the latent dimension.", Required = true }.AtLeast(1);
        var width = new Option<int>("--width") { Description = "The network's width (DCGAN: filters of the last up-sampling stage; MLP: hidden units; ResNet: filters).", Required = true }.AtLeast(1);
        var shape = new Option<string>("--shape") { Description = "Shape of one sample: C,H,W (H, W multiples of 4 for dcgan/resnet), or n for an MLP on vectors.", Required = true };
        var hidden = new Option<int>("--hidden-layers") { Description = "Hidden layers of an MLP generator.", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var activation = new Option<string>("--output-activation") { Description = "An MLP generator's last nonlinearity: tanh or linear.", DefaultValueFactory = _ => "tanh" };
        activation.AcceptOnlyFromAmong("tanh", "linear");
        var distribution = new Option<string>("--latent-distribution") { Description = "What the latent is drawn from: gaussian or uniform (on [-1, 1]).", DefaultValueFactory = _ => "gaussian" };
        distribution.AcceptOnlyFromAmong("gaussian", "uniform");
        var layout = new Option<string>("--layout") { Description = "Parameter names: auto, mlgan (MlGan's own) or sequential (one nn.Sequential 'main').", DefaultValueFactory = _ => "auto" };
        layout.AcceptOnlyFromAmong("auto", "mlgan", "sequential");
        var output = new Option<FileInfo>("--out") { Description = "model.zip (ML.NET model zip) or G.onnx to write.", Required = true };
        var cmd = new Command("import-torch", "Import a PyTorch generator's state_dict as an MlGan model zip (or ONNX generator).")
            { weights, net, latent, width, shape, hidden, activation, distribution, layout, output };
        cmd.SetAction(parse => CliErrors.Run("import-torch", () =>
        {
            string source = parse.GetValue(weights)!.FullName;
            string target = parse.GetValue(output)!.FullName;
            var import = new PyTorchGeneratorImport
            {
                Network = parse.GetValue(net)!,
                LatentDimension = parse.GetValue(latent),
                Width = parse.GetValue(width),
                SampleShape = ParseShape(parse.GetValue(shape)!),
                HiddenLayers = parse.GetValue(hidden),
                OutputActivation = parse.GetValue(activation) == "linear" ? OutputActivation.Linear : OutputActivation.Tanh,
                LatentDistribution = parse.GetValue(distribution) == "uniform" ? LatentDistribution.Uniform : LatentDistribution.Gaussian,
                Layout = Enum.Parse<PyTorchLayout>(parse.GetValue(layout)!, ignoreCase: true),
            };
            var model = import.BuildOnnx(source);
            var metadata = GeneratorMetadata.FromModel(model, source);
            if (target.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
                OnnxModelFile.Save(model, target);
            else
            {
                var ml = new MLContext(0);
                using var generator = PyTorchGeneratorImport.Bind(ml, model, source);
                ml.Model.Save(generator, ml.Gan().Data.Latent(metadata.LatentDimension, 1, seed: 0).Schema, target);
            }
            Console.WriteLine($"Wrote {target}: {metadata.Architecture} latent [N, {metadata.LatentDimension}] → sample [N, {string.Join(", ", metadata.OutputShape)}] " +
                $"from {Path.GetFileName(source)} ({OnnxModelFile.Metadata(model)[PyTorchGeneratorImport.SourceKey]}).");
            return 0;
        }));
        return cmd;
    }

    private static long[] ParseShape(string text) =>
        text.Split(',').Select(s => long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v > 0 ? v
            : throw new ArgumentException($"--shape must be positive integers separated by commas (C,H,W or n); got '{text}'.", "--shape")).ToArray();
}
