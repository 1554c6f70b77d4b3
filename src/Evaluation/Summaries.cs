namespace MlGan.Evaluation;

internal static class Summaries
{
    /// <summary>Mean and population (ddof = 0) standard deviation, as the IS and KID reference codes report.</summary>
    public static MetricEstimate MeanStd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return new MetricEstimate(mean, Math.Sqrt(variance));
    }
}
