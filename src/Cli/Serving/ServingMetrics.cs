using Prometheus;

namespace MlGan.Cli.Serving;

/// <summary>
/// One server's Prometheus metrics, in a registry of its own (several servers in one process, as in the tests, do not
/// mix): prometheus-net's HTTP middleware adds <c>http_requests_received_total</c> (by code and endpoint),
/// <c>http_request_duration_seconds</c> (histogram) and <c>http_requests_in_progress</c>; this adds the samples served.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>A fresh registry with the samples counter registered.</summary>
    public ServingMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        SamplesServed = Factory.CreateCounter("mlgan_samples_served_total", "Samples generated and returned by POST /generate.");
    }

    /// <summary>What <c>GET /metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Creates metrics in <see cref="Registry"/>.</summary>
    public IMetricFactory Factory { get; }

    /// <summary>Samples returned by successful generation requests.</summary>
    public Counter SamplesServed { get; }
}
