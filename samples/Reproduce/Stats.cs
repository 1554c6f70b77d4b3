namespace MlGan.Samples.Reproduce;

/// <summary>Order statistics for the report's summaries (+∞ allowed: a run that never escaped).</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>Linear-interpolation quantile (type 7, R's and NumPy's default).</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        double h = (v.Length - 1) * q;
        int lo = (int)Math.Floor(h), hi = (int)Math.Ceiling(h);
        return lo == hi || v[lo] == v[hi] ? v[lo] : v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}
