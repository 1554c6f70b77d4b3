using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using MlGan.Transforms.Onnx;
using Prometheus;

namespace MlGan.Cli.Serving;

/// <summary>
/// The HTTP face of a generator: <c>POST /generate</c>, <c>POST /interpolate</c>, <c>GET /metadata</c>, <c>GET /health</c>,
/// <c>GET /metrics</c>, and a page for a person at <c>GET /</c> (<see cref="PageAssets"/>).
/// Built as a <see cref="WebApplication"/> so the CLI runs it until Ctrl+C / SIGTERM (the host drains in-flight
/// requests for up to <see cref="GeneratorServerOptions.ShutdownTimeout"/>) and tests start it on a loopback port.
/// Limits: a body size derived from the model (<see cref="RequestBodyLimit"/>), a concurrency limit with a queue
/// (503 + Retry-After beyond it), and an API key required for any non-loopback address.
/// </summary>
public static class GeneratorServer
{
    private const string GeneratePolicy = "generate";

    /// <summary>The server for <paramref name="generator"/> (not yet started); the caller keeps owning the generator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">MaxCount, MaxConcurrentRequests below 1 or MaxQueuedRequests below 0.</exception>
    /// <exception cref="ArgumentException">No URL, a URL that is not http(s), or a non-loopback URL without an API key.</exception>
    public static WebApplication Build(OnnxGeneratorRunner generator, GeneratorServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        options ??= new GeneratorServerOptions();
        Validate(options);
        var keyCheck = options.ApiKey is { } key ? new ApiKeyCheck(key) : null;
        long bodyLimit = RequestBodyLimit.For(generator.LatentDimension, options.MaxCount);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = bodyLimit;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        ConfigureLogging(builder.Logging, options.MinimumLogLevel);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // A diverged generator can emit NaN/∞: write them as "NaN" strings rather than fail the response.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            o.OnRejected = (rejected, cancel) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(rejected.HttpContext.Response.WriteAsJsonAsync(new ErrorBody(
                    $"The server is busy ({options.MaxConcurrentRequests} requests running, {options.MaxQueuedRequests} waiting); retry after a second.", 503), cancel));
            };
            o.AddConcurrencyLimiter(GeneratePolicy, c =>
            {
                c.PermitLimit = options.MaxConcurrentRequests;
                c.QueueLimit = options.MaxQueuedRequests;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        var app = builder.Build();

        var metrics = new ServingMetrics();
        app.UseOneLineRequestLog(app.Services.GetRequiredService<ILoggerFactory>());
        app.UseRouting();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        if (keyCheck is not null) app.Use((ctx, next) => IsOpen(ctx.Request.Path) || keyCheck.Admits(ctx.Request) ? next(ctx) : Unauthorized(ctx));
        app.UseRateLimiter();

        app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        app.MapGet("/metadata", () => Results.Json(Describe(generator, options.MaxCount, bodyLimit)));
        app.MapMetrics("/metrics", metrics.Registry);
        app.MapPost("/generate", (HttpContext ctx, CancellationToken aborted) => Generate(ctx, generator, options.MaxCount, metrics, aborted))
            .RequireRateLimiting(GeneratePolicy);
        app.MapPost("/interpolate", (HttpContext ctx, CancellationToken aborted) => Interpolate(ctx, generator, options.MaxCount, metrics, aborted))
            .RequireRateLimiting(GeneratePolicy);
        PageAssets.Map(app);
        return app;
    }

    private static void Validate(GeneratorServerOptions options)
    {
        if (options.MaxCount < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxCount, $"MaxCount must be ≥ 1; got {options.MaxCount}.");
        if (options.MaxConcurrentRequests < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrentRequests, $"MaxConcurrentRequests must be ≥ 1; got {options.MaxConcurrentRequests}.");
        if (options.MaxQueuedRequests < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxQueuedRequests, $"MaxQueuedRequests must be ≥ 0; got {options.MaxQueuedRequests}.");
        if (options.Urls.Length == 0) throw new ArgumentException("At least one URL to listen on is needed.", nameof(options));
        if (options.ApiKey is null && options.Urls.FirstOrDefault(u => !ListenAddresses.IsLoopback(u)) is { } open)
            throw new ArgumentException($"{InputExcerpt.Of(open)} is not a loopback address: a server reachable from other machines needs an API key (--api-key or the MLGAN_API_KEY environment variable).", nameof(options));
    }

    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        logging.SetMinimumLevel(level);
        // ASP.NET Core's own request lines (several per request at Information) stay off; its warnings and errors do not.
        logging.AddFilter("Microsoft", level > LogLevel.Warning ? level : LogLevel.Warning);
    }

    /// <summary>Routes that need no key: the readiness probe and the page (which holds no data).</summary>
    private static bool IsOpen(PathString path) => path == "/health" || PageAssets.Routes.Contains(path.Value ?? "", StringComparer.Ordinal);

    private static Task Unauthorized(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
        ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return ctx.Response.WriteAsJsonAsync(new ErrorBody("This server needs its API key: send Authorization: Bearer KEY or X-API-Key: KEY.", 401));
    }

    /// <summary>The request's JSON body, or the error to answer: 415 for another content type, 400 for bad JSON, 413 for too large.</summary>
    private static async Task<(JsonDocument? Body, IResult? Error)> ReadJson(HttpContext ctx, CancellationToken aborted)
    {
        if (!ctx.Request.HasJsonContentType())
            return (null, Error(415, $"POST {ctx.Request.Path} takes a JSON body with Content-Type: application/json; got '{InputExcerpt.Of(ctx.Request.ContentType ?? "(none)")}'."));
        try
        {
            return (await JsonDocument.ParseAsync(ctx.Request.Body, default, aborted), null);
        }
        catch (JsonException ex)
        {
            return (null, Error(400, $"The body is not valid JSON: {InputExcerpt.Of(ex.Message)}"));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Error(ex.StatusCode, ex.Message)); // e.g. 413 when the body exceeds the server's size limit
        }
    }

    private static async Task<IResult> Interpolate(HttpContext ctx, OnnxGeneratorRunner generator, int maxCount, ServingMetrics metrics, CancellationToken aborted)
    {
        var (doc, bad) = await ReadJson(ctx, aborted);
        if (doc is null) return bad!;
        InterpolateRequest request;
        using (doc)
        {
            var (parsed, status, error) = InterpolateRequest.Parse(doc.RootElement, maxCount, generator.ClassCount);
            if (parsed is null) return Error(status, error!);
            request = parsed;
        }
        var path = LatentInterpolation.Between(generator.SampleLatent(1, request.From)[0], generator.SampleLatent(1, request.To)[0],
            request.Steps, generator.Metadata.LatentDistribution);
        long[]? labels = request.Label is { } c ? Enumerable.Repeat(c, request.Steps).ToArray() : null;
        return Run(ctx, generator, metrics, path, labels, seed: null, png: false);
    }

    private static async Task<IResult> Generate(HttpContext ctx, OnnxGeneratorRunner generator, int maxCount, ServingMetrics metrics, CancellationToken aborted)
    {
        var (doc, bad) = await ReadJson(ctx, aborted);
        if (doc is null) return bad!;
        GenerateRequest request;
        using (doc)
        {
            var (parsed, status, error) = GenerateRequest.Parse(doc.RootElement, generator.LatentDimension, maxCount, generator.ClassCount);
            if (parsed is null) return Error(status, error!);
            request = parsed;
        }

        bool png = WantsPng(ctx.Request);
        if (png && !PngGrid.CanRender(generator.SampleShape))
            return Error(406, $"image/png needs samples shaped [C, H, W] with C = 1 or 3; this model's samples are [{string.Join(", ", generator.SampleShape)}]. Ask for application/json.");

        int? seed = request.Latent is null ? request.Seed ?? Random.Shared.Next() : null;
        var latent = request.Latent ?? generator.SampleLatent(request.Count, seed!.Value);
        return Run(ctx, generator, metrics, latent, request.Labels, seed, png);
    }

    /// <summary>Runs the generator and answers JSON (or a PNG grid); counts the samples for /metrics and the log line.</summary>
    private static IResult Run(HttpContext ctx, OnnxGeneratorRunner generator, ServingMetrics metrics, float[][] latent, long[]? labels, int? seed, bool png)
    {
        float[][] samples;
        try
        {
            samples = generator.Generate(latent, labels);
        }
        catch (OnnxRuntimeException ex)
        {
            return Error(500, $"The generator failed: {InputExcerpt.Of(ex.Message)}");
        }
        ctx.Items[RequestLogging.SamplesItem] = samples.Length;
        metrics.SamplesServed.Inc(samples.Length);

        if (png) return Results.File(PngGrid.Render(samples, generator.SampleShape, generator.Metadata.ValueRange is { } r ? ((float)r.Low, (float)r.High) : null), "image/png");
        return Results.Json(new GenerateResponse(samples, generator.SampleShape, seed, labels));
    }

    private static bool WantsPng(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("image/png", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }

    private static IResult Error(int status, string message) => Results.Json(new ErrorBody(message, status), statusCode: status);

    private static object Describe(OnnxGeneratorRunner g, int maxCount, long bodyLimit)
    {
        static object[] Shape(long[] dims) => dims.Select(d => d < 0 ? (object)"N" : d).ToArray();
        var m = g.Metadata;
        return new
        {
            latentDimension = m.LatentDimension,
            latentDistribution = m.LatentDistribution.ToString().ToLowerInvariant(),
            sampleShape = g.SampleShape,
            valueRange = m.ValueRange is { } r ? new[] { r.Low, r.High } : null,
            classCount = g.ClassCount,
            lossFamily = m.LossFamily,
            seed = m.Seed,
            architecture = m.Architecture,
            input = new { name = g.InputName, shape = Shape(g.InputShape) },
            labelInput = g.LabelInputName,
            output = new { name = g.OutputName, shape = Shape(g.OutputShape) },
            maxCount,
            maxBodyBytes = bodyLimit,
            metadata = m.Raw,
        };
    }

    /// <summary>Every error answer: the message and the status again (for clients that only keep the body).</summary>
    public sealed record ErrorBody(string Error, int Status);

    /// <summary>The JSON answer: one flat array per sample, the per-sample shape, the seed used when latents were sampled, and the labels of a conditional generator.</summary>
    public sealed record GenerateResponse(float[][] Samples, int[] SampleShape, int? Seed, long[]? Labels);
}
