using System.Net;
using System.Text.RegularExpressions;

namespace MlGan.Cli.Tests.Serving;

/// <summary>GET /metrics: Prometheus text with requests by status, a latency histogram, samples served and in-flight requests.</summary>
[TestClass]
public sealed partial class ServerMetricsTests
{
    [TestMethod]
    public async Task Metrics_CountRequestsByStatusSamplesAndLatency()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp());
        Assert.AreEqual(HttpStatusCode.OK, (await server.PostJson("""{"count": 5, "seed": 1}""")).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await server.PostJson("""{"count": 3}""")).Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await server.PostJson("""{"count": 0}""")).Status);

        using var response = await server.Client.GetAsync(server.Url + "/metrics");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/plain", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(8.0, Value(text, "mlgan_samples_served_total"), "5 + 3 samples; the 400 served none");
        Assert.AreEqual(2.0, Value(text, "http_requests_received_total", ("code", "200"), ("endpoint", "/generate")));
        Assert.AreEqual(1.0, Value(text, "http_requests_received_total", ("code", "400"), ("endpoint", "/generate")));
        Assert.AreEqual(3.0, Value(text, "http_request_duration_seconds_count", ("endpoint", "/generate")), "all three in the histogram");
        Assert.AreEqual(3.0, Value(text, "http_request_duration_seconds_bucket", ("endpoint", "/generate"), ("le", "+Inf")));
        StringAssert.Contains(text, "# TYPE http_request_duration_seconds histogram");
        StringAssert.Contains(text, "# TYPE http_requests_in_progress gauge");
    }

    [TestMethod]
    public async Task Metrics_ShowTheRequestInFlight()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp());
        var held = new HoldingBody("""{"count": 1}""");
        var inFlight = HoldingBody.Post(server.Client, server.Url, held);
        await held.Reading.WaitAsync(TimeSpan.FromSeconds(20));
        string during = await server.Client.GetStringAsync(server.Url + "/metrics");
        Assert.AreEqual(1.0, Value(during, "http_requests_in_progress", ("endpoint", "/generate")));
        held.Release();
        (await inFlight).Dispose();
        string after = await server.Client.GetStringAsync(server.Url + "/metrics");
        Assert.AreEqual(0.0, Value(after, "http_requests_in_progress", ("endpoint", "/generate")));
    }

    /// <summary>The sum over the samples of <paramref name="name"/> whose labels include <paramref name="labels"/> (at least one).</summary>
    private static double Value(string exposition, string name, params (string Key, string Value)[] labels)
    {
        var matches = Sample().Matches(exposition).Where(m => m.Groups["name"].Value == name)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.IsNotEmpty(matches, $"{name} {string.Join(",", labels)} in:\n{exposition}");
        return matches.Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
