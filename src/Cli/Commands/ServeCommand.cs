using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using MlGan.Cli.Serving;

namespace MlGan.Cli.Commands;

/// <summary>`mlgan serve model.onnx`: an HTTP endpoint that samples the generator (see Serving/GeneratorServer).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "Generator ONNX file: float input [N, k], float output [N, ...]." };
        var urls = new Option<string>("--urls") { Description = "Semicolon-separated listen addresses.", DefaultValueFactory = _ => "http://127.0.0.1:5005" };
        var maxCount = new Option<int>("--max-count") { Description = "Most samples one request may ask for (more gives 413).", DefaultValueFactory = _ => 4096 };
        var cmd = new Command("serve", "Serve a generator ONNX model over HTTP: POST /generate, GET /metadata, GET /health.") { model, urls, maxCount };
        cmd.SetAction(parse =>
        {
            var file = parse.GetValue(model)!;
            int max = parse.GetValue(maxCount);
            if (max < 1)
            {
                Console.Error.WriteLine($"--max-count must be ≥ 1; got {max}.");
                return 2;
            }
            OnnxGenerator generator;
            try
            {
                generator = new OnnxGenerator(file.FullName);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Cannot serve '{file.FullName}': {ex.Message}");
                return 1;
            }
            using (generator)
            {
                var addresses = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var app = GeneratorServer.Build(generator, new GeneratorServerOptions { Urls = addresses, MaxCount = max });
                Console.WriteLine($"Serving {file.Name} (latent {generator.LatentDimension}, samples [{string.Join(", ", generator.SampleShape)}]) on {string.Join(", ", addresses)}; Ctrl+C stops.");
                app.Run(); // returns after Ctrl+C / SIGTERM once in-flight requests finish
            }
            return 0;
        });
        return cmd;
    }
}
