using System.Globalization;

namespace MlGan.Cli.Serving;

/// <summary>
/// Whether this process was started with SIGINT ignored. A non-interactive shell starts its background jobs
/// (<c>mlgan serve … &amp;</c> in a script) that way, the runtime keeps the inherited disposition, and Ctrl+C or
/// `kill -INT` then does nothing; SIGTERM still stops the server gracefully. Read from /proc (Linux); false elsewhere.
/// </summary>
public static class InheritedSignals
{
    private const int SigInt = 2;

    /// <summary>True when SIGINT is ignored in this process.</summary>
    public static bool InterruptIgnored() => IsIgnored(SigInt, "/proc/self/status");

    /// <summary>Whether <paramref name="signal"/>'s bit is set in the SigIgn line of a /proc status file.</summary>
    internal static bool IsIgnored(int signal, string statusFile)
    {
        if (!File.Exists(statusFile)) return false;
        foreach (string line in File.ReadLines(statusFile))
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                return ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong mask)
                    && (mask & (1UL << (signal - 1))) != 0;
        return false;
    }

    /// <summary>How the server is stopped, for its start-up line.</summary>
    public static string StopHint() => InterruptIgnored()
        ? "SIGTERM stops (SIGINT is ignored: this process was started with it ignored, as a shell's background job is)."
        : "Ctrl+C or SIGTERM stops.";
}
