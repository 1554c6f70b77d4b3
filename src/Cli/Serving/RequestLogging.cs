using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlGan.Cli.Serving;

/// <summary>
/// One log line per request — method, path, status, milliseconds and samples served — in place of ASP.NET Core's
/// several lines per request: Information for answered requests, Error for a 5xx answer.
/// </summary>
public static class RequestLogging
{
    /// <summary>The log category of the request lines.</summary>
    public const string Category = "MlGan.Serving.Requests";

    /// <summary>Key under <see cref="HttpContext.Items"/> where an endpoint records how many samples it returned.</summary>
    public const string SamplesItem = "mlgan.samples";

    /// <summary>Adds the logging middleware (outermost, so every answer, rejections included, gets its line).</summary>
    public static IApplicationBuilder UseOneLineRequestLog(this IApplicationBuilder app, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(Category);
        return app.Use(async (ctx, next) =>
        {
            long start = Stopwatch.GetTimestamp();
            bool failed = false;
            try
            {
                await next(ctx);
            }
            catch
            {
                failed = true; // the server answers 500 and logs the exception itself
                throw;
            }
            finally
            {
                int status = failed ? StatusCodes.Status500InternalServerError : ctx.Response.StatusCode;
                var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
                if (log.IsEnabled(level))
                {
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    object samples = ctx.Items.TryGetValue(SamplesItem, out var n) ? n! : 0;
                    log.Log(level, "{Method} {Path} {Status} {Milliseconds:F1} ms {Samples} samples",
                        ctx.Request.Method, InputExcerpt.Of(ctx.Request.Path.Value ?? ""), status, ms, samples);
                }
            }
        });
    }
}
