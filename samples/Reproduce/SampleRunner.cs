using System.Diagnostics;
using System.Text;

namespace MlGan.Samples.Reproduce;

/// <summary>
/// Runs an existing sample (built next to this one by its project references) as a child process, so each experiment
/// keeps its own torch settings and its wall time is its own. Standard output goes to the experiment's log; a non-zero
/// exit becomes an exception carrying the sample's last error line.
/// </summary>
internal sealed class SampleRunner
{
    private readonly string _repoRoot;
    private readonly string _configuration;
    private readonly string _framework;

    public SampleRunner()
    {
        // This program runs from <repo>/samples/Reproduce/bin/<Configuration>/<framework>/; the samples sit in the same layout.
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        _framework = bin.Name;
        _configuration = bin.Parent?.Name ?? "Release";
        var dir = bin;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlGan.sln"))) dir = dir.Parent;
        _repoRoot = dir?.FullName ?? throw new InvalidOperationException($"Reproduce must run from its build folder inside the MlGan repository; {AppContext.BaseDirectory} is not.");
    }

    /// <summary>The repository root (holds MlGan.sln).</summary>
    public string RepoRoot => _repoRoot;

    /// <summary>
    /// Runs the sample in samples/<paramref name="sample"/> (its assembly is the folder's last name unless
    /// <paramref name="assembly"/> says otherwise) with <paramref name="args"/>, appending its output to
    /// <paramref name="log"/>; returns standard output and the command line a reader can paste (dotnet run from the
    /// repository root).
    /// </summary>
    public (string Stdout, string Command) Run(string sample, IReadOnlyList<string> args, string log, string? assembly = null)
    {
        assembly ??= sample.Split('/')[^1];
        string dll = Path.Combine(_repoRoot, "samples", sample, "bin", _configuration, _framework, assembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The {sample} sample is not built ({dll}); build samples/Reproduce, which builds it.", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _repoRoot };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        string command = $"dotnet run -c {_configuration} --project samples/{sample} -- {string.Join(' ', args.Select(Quote))}".TrimEnd();

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        File.AppendAllText(log, $"$ {command}{Environment.NewLine}{stdout}{stderr}{Environment.NewLine}");
        if (process.ExitCode != 0)
        {
            string last = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "(no error output)";
            throw new InvalidOperationException($"{sample} exited with code {process.ExitCode}: {last}");
        }
        return (stdout.ToString(), command);
    }

    private static string Quote(string a) => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./,=:".Contains(c)) ? a : $"'{a}'";
}
