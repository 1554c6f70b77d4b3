using System.Globalization;

namespace MlGan.Samples.Reproduce;

/// <summary>How the run writes elapsed times: the console's clock prefix and the report's "12 min 5 s".</summary>
internal static class Durations
{
    /// <summary>"mm:ss" under an hour, "h:mm:ss" from one hour on (a full run takes hours; "mm" alone wraps at 60).</summary>
    public static string Clock(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}")
            : elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>"12.3 s" under a minute, else whole minutes and seconds, rounded first so 119.7 s is "2 min 0 s", not "1 min 60 s".</summary>
    public static string Words(double seconds)
    {
        if (seconds < 59.95) return string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s");
        long whole = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 60} min {whole % 60} s");
    }
}
