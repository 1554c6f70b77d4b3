namespace MlGan.Samples.Reproduce;

/// <summary>The 1-minute load average (Linux /proc/loadavg), so the report says how busy the machine was; null elsewhere.</summary>
internal static class MachineLoad
{
    public static double? OneMinute()
    {
        try
        {
            string s = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
