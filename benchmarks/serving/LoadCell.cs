using System.Diagnostics;
using System.Net;
using System.Text;

namespace MlGan.Benchmarks.Serving;

/// <summary>One cell of the load table: what <see cref="LoadCell.RunAsync"/> measured.</summary>
internal sealed record LoadResult(int Concurrency, int Count, int Requests, int Errors, int Busy, double Seconds, double P50Ms, double P99Ms, long ResidentBytesAfter)
{
    public double RequestsPerSecond => Requests / Seconds;
    public double SamplesPerSecond => (double)(Requests - Errors - Busy) * Count / Seconds;
}

/// <summary>
/// <c>concurrency</c> clients, each sending POST /generate {"count": n} back to back until the time is up (requests in
/// flight then finish and count). Latency is per request, queueing in the server included; 503s (the server's
/// overload answer) are counted apart from other errors.
/// </summary>
internal static class LoadCell
{
    public static async Task<LoadResult> RunAsync(HttpClient client, ServerProcess server, int concurrency, int count, TimeSpan duration)
    {
        string body = $"{{\"count\": {count}}}";
        var latencies = new List<double>[concurrency];
        int errors = 0, busy = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            while (wall.Elapsed < duration)
            {
                long t0 = Stopwatch.GetTimestamp();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                try
                {
                    using var response = await client.PostAsync("/generate", content);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable) Interlocked.Increment(ref busy);
                    else if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })));
        wall.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new LoadResult(concurrency, count, all.Length, errors, busy, wall.Elapsed.TotalSeconds, P(0.50), P(0.99), server.ResidentBytes());
    }
}
