using System.Diagnostics;
using System.Text;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// A long-running child process kept in the foreground (so its pid is ours), with its output drained into a
/// bounded buffer so a chatty daemon never blocks on a full pipe. Stopped by its own pid: SIGTERM, then SIGKILL.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private const int KeptOutputChars = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DaemonProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A short name for messages (e.g. "slurmctld").</summary>
    public string Name { get; }

    /// <summary>The daemon's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the daemon has exited (by itself or by <see cref="Stop"/>).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> <paramref name="arguments"/> with an environment overlay (null value = remove).</summary>
    public static DaemonProcess Start(string name, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        ProcessRunner.Overlay(start, environment);
        var process = new Process { StartInfo = start };
        var daemon = new DaemonProcess(name, process);
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>The last <see cref="KeptOutputChars"/> characters the daemon wrote (stdout and stderr interleaved).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Asks the daemon to exit (SIGTERM to its pid), and kills it if it has not within <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process.HasExited) return;
        // Process.Kill only sends SIGKILL; on SIGTERM a daemon removes its socket and pid file first.
        ProcessRunner.Run("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
        if (!_process.WaitForExit(grace))
        {
            _process.Kill();
            _process.WaitForExit(grace);
        }
    }

    /// <summary>Stops the daemon (5 s grace) and releases the process handle.</summary>
    public void Dispose()
    {
        try
        {
            Stop(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to stop.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > KeptOutputChars) _output.Remove(0, _output.Length - KeptOutputChars);
        }
    }
}
