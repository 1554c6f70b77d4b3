using Microsoft.Extensions.Logging;

namespace MlGan.Cli.Serving;

/// <summary>Settings for <see cref="GeneratorServer"/>.</summary>
public sealed class GeneratorServerOptions
{
    /// <summary>Addresses to listen on; port 0 picks a free port (read the bound one from the server's addresses).</summary>
    public string[] Urls { get; init; } = ["http://127.0.0.1:5005"];

    /// <summary>Most samples one request may ask for; more gives 413. Also sizes the request-body limit.</summary>
    public int MaxCount { get; init; } = 4096;

    /// <summary>
    /// Least severe level written: a request's one line is Information (Error for a 5xx answer), so the default,
    /// Warning, keeps a healthy server quiet. ASP.NET Core's own per-request lines are never written.
    /// </summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Generation requests run at once; further ones wait in the queue.</summary>
    public int MaxConcurrentRequests { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Generation requests that may wait for a slot; beyond that the answer is 503 with Retry-After.</summary>
    public int MaxQueuedRequests { get; init; } = 512;

    /// <summary>
    /// When set, every route but <c>/health</c> and the page needs <c>Authorization: Bearer KEY</c> or
    /// <c>X-API-Key: KEY</c>. Required when any address is not loopback.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>How long shutdown (Ctrl+C, SIGTERM, StopAsync) waits for in-flight requests to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
