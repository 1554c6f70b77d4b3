using System.Diagnostics;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>Runs a child process to completion within a time limit (killing it, and only it, when the limit passes).</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed as an argv, no shell). Entries of
    /// <paramref name="environment"/> overlay the inherited environment; a null value removes the variable.
    /// </summary>
    /// <exception cref="TimeoutException">The process ran past <paramref name="timeout"/>; it has been killed.</exception>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Overlay(start, environment);
        string commandLine = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList.Select(Quote)));

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{commandLine}` ran longer than {timeout.TotalSeconds:F0} s and was killed.\n" +
                $"--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
        }
        process.WaitForExit(); // flushes the asynchronous readers
        return new ProcessResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Applies an environment overlay (null value = remove) to a start description.</summary>
    public static void Overlay(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? environment)
    {
        if (environment is null) return;
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,%@+".Contains(c)) ? argument : $"'{argument.Replace("'", "'\\''")}'";
}
