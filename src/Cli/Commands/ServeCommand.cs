using MlGan.Transforms.Onnx;
using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlGan.Cli.Serving;

namespace MlGan.Cli.Commands;

/// <summary>`mlgan serve model.onnx`: an HTTP endpoint that samples the generator (see Serving/GeneratorServer).</summary>
public static class ServeCommand
{
    /// <summary>The environment variable read for the API key when --api-key is not given (keeps it out of `ps`).</summary>
    public const string ApiKeyVariable = "MLGAN_API_KEY";

    /// <summary>The `serve` verb.</summary>
    public static Command Create()
    {
        var defaults = new GeneratorServerOptions();
        var model = new Argument<FileInfo>("model") { Description = "Generator ONNX file: float latent [N, k] (and int64 labels [N] when conditional) → float samples [N, ...]." };
        var urls = new Option<string>("--urls") { Description = "Semicolon-separated listen addresses; a non-loopback one needs an API key.", DefaultValueFactory = _ => "http://127.0.0.1:5005" };
        var maxCount = new Option<int>("--max-count") { Description = "Most samples one request may ask for (more gives 413); sizes the request-body limit too.", DefaultValueFactory = _ => defaults.MaxCount }.AtLeast(1);
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Least severe log level written: one line per request at Information, 5xx answers at Error.", DefaultValueFactory = _ => defaults.MinimumLogLevel };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "Generation requests run at once.", DefaultValueFactory = _ => defaults.MaxConcurrentRequests }.AtLeast(1);
        var maxQueue = new Option<int>("--max-queue") { Description = "Generation requests that may wait; beyond that the answer is 503 with Retry-After.", DefaultValueFactory = _ => defaults.MaxQueuedRequests }.AtLeast(0);
        var apiKey = new Option<string?>("--api-key") { Description = $"Key clients send as 'Authorization: Bearer KEY' or 'X-API-Key: KEY' (all routes but /health and the page); default: ${ApiKeyVariable}." };
        var shutdown = new Option<double>("--shutdown-timeout") { Description = "Seconds a stop waits for in-flight requests.", DefaultValueFactory = _ => defaults.ShutdownTimeout.TotalSeconds }.Positive();
        var cmd = new Command("serve", "Serve a generator ONNX model over HTTP: POST /generate, GET /metadata, GET /health, GET /metrics.")
            { model, urls, maxCount, logLevel, maxConcurrent, maxQueue, apiKey, shutdown };
        cmd.SetAction(parse => CliErrors.Run("serve", () =>
        {
            var file = parse.GetValue(model)!;
            string? key = parse.GetValue(apiKey) ?? (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
            var addresses = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new GeneratorServerOptions
            {
                Urls = addresses,
                MaxCount = parse.GetValue(maxCount),
                MinimumLogLevel = parse.GetValue(logLevel),
                MaxConcurrentRequests = parse.GetValue(maxConcurrent),
                MaxQueuedRequests = parse.GetValue(maxQueue),
                ApiKey = key,
                ShutdownTimeout = TimeSpan.FromSeconds(parse.GetValue(shutdown)),
            };
            // Checked before the model loads; GeneratorServer.Build checks it again for library callers.
            if (key is null && addresses.FirstOrDefault(u => !ListenAddresses.IsLoopback(u)) is { } open)
                throw new ArgumentException($"--urls {InputExcerpt.Of(open)} is not a loopback address: a server reachable from other machines needs an API key (--api-key or ${ApiKeyVariable}).", "--urls");
            using var generator = new OnnxGeneratorRunner(file.FullName); // a missing file or a model that is not a generator: one line, exit 2
            var app = GeneratorServer.Build(generator, options);
            app.Start();
            // The bound addresses (a port 0 becomes the port the OS picked): scripts read the URL from this line.
            Console.WriteLine($"Serving {file.Name} (latent {generator.LatentDimension}, samples [{string.Join(", ", generator.SampleShape)}]{(generator.ClassCount > 0 ? $", {generator.ClassCount} classes" : "")}) on {string.Join(", ", app.Urls)}{(key is null ? "" : " (API key required)")}; {InheritedSignals.StopHint()}");
            app.WaitForShutdown(); // returns after SIGINT / SIGTERM once in-flight requests finish (or --shutdown-timeout passes)
            return 0;
        }));
        return cmd;
    }
}
