using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MlGan.Benchmarks.Serving;

/// <summary>
/// `mlgan serve` as a child process (mlgan.dll from this program's folder) on a loopback port the OS picks: its URL
/// read from the "Serving … on URL" line, its resident set read from /proc, stopped with SIGTERM (graceful;
/// SIGTERM because a benchmark started as a background job passes SIGINT on ignored, see InheritedSignals).
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The bound base URL, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; }

    /// <summary>Starts the server for <paramref name="model"/> with extra serve options; waits for its URL.</summary>
    public static async Task<ServerProcess> StartAsync(string model, IEnumerable<string> options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "mlgan.dll"), "serve", model, "--urls", "http://127.0.0.1:0" }.Concat(options))
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start mlgan serve.");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            string? line = await process.StandardOutput.ReadLineAsync();
            if (line is null) break;
            if (ServingLine().Match(line) is { Success: true } m)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return new ServerProcess(process, m.Groups[1].Value);
            }
        }
        string error = await process.StandardError.ReadToEndAsync();
        process.Kill();
        throw new InvalidOperationException("mlgan serve did not report its address: " + error);
    }

    /// <summary>The server's resident set size (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("No VmRSS line in /proc/PID/status.");
    }

    /// <summary>Seconds from the SIGTERM of <see cref="Stop"/> to the process's exit.</summary>
    public double StopSeconds { get; private set; }

    /// <summary>SIGTERM, then the exit code (graceful shutdown gives 0); killed after 60 s (twice the default drain).</summary>
    public int Stop()
    {
        if (_process.HasExited) return _process.ExitCode;
        var clock = Stopwatch.StartNew();
        _ = Signal(_process.Id, 15);
        if (!_process.WaitForExit(60_000)) _process.Kill(entireProcessTree: true);
        StopSeconds = clock.Elapsed.TotalSeconds;
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    [GeneratedRegex(@"^Serving .* on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingLine();
}
