using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Serving;

/// <summary>Settings for <see cref="GeneratorServer"/>.</summary>
public sealed class GeneratorServerOptions
{
    /// <summary>Addresses to listen on; port 0 picks a free port (read the bound one from the server's addresses).</summary>
    public string[] Urls { get; init; } = ["http://127.0.0.1:5005"];

    /// <summary>Most samples one request may ask for; more gives 413.</summary>
    public int MaxCount { get; init; } = 4096;

    /// <summary>Least severe log level the server writes; default Information.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}

/// <summary>
/// The HTTP face of a generator: <c>POST /generate</c>, <c>GET /metadata</c>, <c>GET /health</c>. Built as a
/// <see cref="WebApplication"/> so the CLI runs it until Ctrl+C / SIGTERM (the host's console lifetime drains
/// in-flight requests) and tests start it on a loopback port.
/// </summary>
public static class GeneratorServer
{
    /// <summary>The server for <paramref name="generator"/> (not yet started); the caller keeps owning the generator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">MaxCount below 1.</exception>
    /// <exception cref="ArgumentException">No URL to listen on.</exception>
    public static WebApplication Build(OnnxGeneratorRunner generator, GeneratorServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        options ??= new GeneratorServerOptions();
        if (options.MaxCount < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxCount, $"MaxCount must be ≥ 1; got {options.MaxCount}.");
        if (options.Urls.Length == 0) throw new ArgumentException("At least one URL to listen on is needed.", nameof(options));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // A diverged generator can emit NaN/∞: write them as "NaN" strings rather than fail the response.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        var app = builder.Build();

        app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        app.MapGet("/metadata", () => Results.Json(Describe(generator, options.MaxCount)));
        app.MapPost("/generate", (HttpContext ctx, CancellationToken aborted) => Generate(ctx, generator, options.MaxCount, aborted));
        return app;
    }

    private static async Task<IResult> Generate(HttpContext ctx, OnnxGeneratorRunner generator, int maxCount, CancellationToken aborted)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, aborted);
        }
        catch (JsonException ex)
        {
            return Error(400, $"The body is not valid JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex)
        {
            return Error(ex.StatusCode, ex.Message); // e.g. 413 when the body exceeds the server's size limit
        }

        GenerateRequest request;
        using (doc)
        {
            var (parsed, status, error) = GenerateRequest.Parse(doc.RootElement, generator.LatentDimension, maxCount);
            if (parsed is null) return Error(status, error!);
            request = parsed;
        }

        bool png = WantsPng(ctx.Request);
        if (png && !PngGrid.CanRender(generator.SampleShape))
            return Error(406, $"image/png needs samples shaped [C, H, W] with C = 1 or 3; this model's samples are [{string.Join(", ", generator.SampleShape)}]. Ask for application/json.");

        int? seed = request.Latent is null ? request.Seed ?? Random.Shared.Next() : null;
        var latent = request.Latent ?? generator.SampleLatent(request.Count, seed!.Value);
        var samples = generator.Generate(latent);

        if (png) return Results.File(PngGrid.Render(samples, generator.SampleShape, generator.Metadata.ValueRange is { } r ? ((float)r.Low, (float)r.High) : null), "image/png");
        return Results.Json(new GenerateResponse(samples, generator.SampleShape, seed));
    }

    private static bool WantsPng(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("image/png", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message, status }, statusCode: status);

    private static object Describe(OnnxGeneratorRunner g, int maxCount)
    {
        static object[] Shape(long[] dims) => dims.Select(d => d < 0 ? (object)"N" : d).ToArray();
        var m = g.Metadata;
        return new
        {
            latentDimension = m.LatentDimension,
            latentDistribution = m.LatentDistribution.ToString().ToLowerInvariant(),
            sampleShape = g.SampleShape,
            valueRange = m.ValueRange is { } r ? new[] { r.Low, r.High } : null,
            lossFamily = m.LossFamily,
            seed = m.Seed,
            architecture = m.Architecture,
            input = new { name = g.InputName, shape = Shape(g.InputShape) },
            output = new { name = g.OutputName, shape = Shape(g.OutputShape) },
            maxCount,
            metadata = m.Raw,
        };
    }

    /// <summary>The JSON answer: one flat array per sample, the per-sample shape, and the seed used when latents were sampled.</summary>
    public sealed record GenerateResponse(float[][] Samples, int[] SampleShape, int? Seed);
}
