using System.Diagnostics;

namespace MlGan.Cli.Tests.TestSupport;

/// <summary>
/// Debian's /usr/bin/python3 (with python3-torch, -torchvision, -pil, -numpy, -scipy that tests/run.sh installs) as an
/// independent reference: runs a script or a snippet, bounded in time, and fails the test with its stderr if it fails.
/// </summary>
internal static class DebianPython
{
    public const string Executable = "/usr/bin/python3";

    public static string Run(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        if (!File.Exists(Executable)) Assert.Fail($"{Executable} is missing: apt-get install python3 (tests/run.sh does).");
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PYTHONHASHSEED"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"python3 {string.Join(' ', args)} timed out.");
        }
        if (process.ExitCode != 0) Assert.Fail($"python3 {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Runs a snippet (<c>python3 -c</c>) with extra arguments in sys.argv[1:].</summary>
    public static string Snippet(string code, params string[] args) => Run(["-c", code, .. args]);
}
