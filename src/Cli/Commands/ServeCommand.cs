using MlGan.Transforms.Onnx;
using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using MlGan.Cli.Serving;

namespace MlGan.Cli.Commands;

/// <summary>`mlgan serve model.onnx`: an HTTP endpoint that samples the generator (see Serving/GeneratorServer).</summary>
public static class ServeCommand
{
    /// <summary>The `serve` verb.</summary>
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "Generator ONNX file: float input [N, k], float output [N, ...]." };
        var urls = new Option<string>("--urls") { Description = "Semicolon-separated listen addresses.", DefaultValueFactory = _ => "http://127.0.0.1:5005" };
        var maxCount = new Option<int>("--max-count") { Description = "Most samples one request may ask for (more gives 413).", DefaultValueFactory = _ => 4096 }.AtLeast(1);
        var cmd = new Command("serve", "Serve a generator ONNX model over HTTP: POST /generate, GET /metadata, GET /health.") { model, urls, maxCount };
        cmd.SetAction(parse => CliErrors.Run("serve", () =>
        {
            var file = parse.GetValue(model)!;
            int max = parse.GetValue(maxCount);
            using var generator = new OnnxGeneratorRunner(file.FullName); // a missing file or a model that is not a generator: one line, exit 2
            var addresses = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var app = GeneratorServer.Build(generator, new GeneratorServerOptions { Urls = addresses, MaxCount = max });
            Console.WriteLine($"Serving {file.Name} (latent {generator.LatentDimension}, samples [{string.Join(", ", generator.SampleShape)}]) on {string.Join(", ", addresses)}; Ctrl+C stops.");
            app.Run(); // returns after Ctrl+C / SIGTERM once in-flight requests finish
            return 0;
        }));
        return cmd;
    }
}
