using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MlGan.Trainers.Tests.Interop;

/// <summary>
/// Debian's /usr/bin/python3 with python3-torch (tests/run.sh installs it) running tools/mlgan_torch_layouts.py:
/// networks built, seeded and run by PyTorch itself, as the independent reference of the interop tests.
/// </summary>
internal static class DebianTorch
{
    public static string Repo { get; } = FindRepo();

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlGan.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MlGan.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs python3 with <paramref name="args"/>; fails the test with its stderr when it fails.</summary>
    public static string Python(params string[] args)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Fail($"{python} is missing: apt-get install python3-torch (tests/run.sh does).");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("python3 timed out.");
        }
        if (process.ExitCode != 0) Assert.Fail($"python3 {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Builds one network with the layouts script, saves its state_dict to <paramref name="weights"/>; returns its inputs and eval-mode outputs.</summary>
    public static (float[] Inputs, float[] Outputs) Network(string weights, params string[] args)
    {
        string inputs = weights + ".in.f32", outputs = weights + ".out.f32";
        try
        {
            Python([Path.Combine(Repo, "tools", "mlgan_torch_layouts.py"), .. args, "--save", weights, "--inputs", inputs, "--outputs", outputs]);
            return (Read(inputs), Read(outputs));
        }
        finally
        {
            File.Delete(inputs);
            File.Delete(outputs);
        }
    }

    private static float[] Read(string file) => [.. MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(file))];
}
