using System.Buffers.Binary;
using System.Diagnostics;

namespace MlGan.Evaluation.Tests.Statistics;

/// <summary>Shared helpers of the statistics tests: NumPy as an independent reference, tolerances, temp files.</summary>
internal static class StatisticsTestSupport
{
    /// <summary>Debian's interpreter, whose NumPy is the reference (not whatever python3 is on PATH).</summary>
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with arguments (sys.argv[1:]); returns its exit code and output.</summary>
    public static (int ExitCode, string Output) RunPython(string script, params string[] arguments)
    {
        Assert.IsTrue(File.Exists(Python), $"{Python} (Debian's python3 with NumPy) is needed for the NumPy interop tests.");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(60_000), "python did not finish within 60 s.");
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Runs a script that must succeed (exit code 0).</summary>
    public static string RunPythonOk(string script, params string[] arguments)
    {
        var (code, output) = RunPython(script, arguments);
        Assert.AreEqual(0, code, $"python failed:{Environment.NewLine}{output}");
        return output;
    }

    /// <summary>Little-endian float64s written by NumPy's <c>tofile</c> (read without MlGan's .npy code).</summary>
    public static double[] ReadRawDoubles(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new double[bytes.Length / 8];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * i));
        return values;
    }

    /// <summary>Writes float64s little-endian for NumPy's <c>fromfile</c>.</summary>
    public static void WriteRawDoubles(string path, IEnumerable<double> values)
    {
        var list = values.ToArray();
        var bytes = new byte[8 * list.Length];
        for (int i = 0; i < list.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), list[i]);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>max |actual − expected| ≤ tolerance · max |expected|: relative error on the scale of the whole array.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.HasCount(expected.Count, actual, $"{what}: length");
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300), worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (error > worst) (worst, at) = (error, i);
        }
        Assert.IsTrue(worst <= tolerance * scale,
            $"{what}: entry {at} is {(at >= 0 ? actual[at] : 0):R}, expected {(at >= 0 ? expected[at] : 0):R} (relative error {worst / scale:E2} > {tolerance:E0}).");
    }

    /// <summary>A fresh path under the test run's results folder.</summary>
    public static string TempPath(TestContext context, string name)
    {
        string folder = Path.Combine(context.TestRunResultsDirectory ?? Path.GetTempPath(), "stats-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}-{name}");
    }

    /// <summary>Rows [from, to) of a feature set.</summary>
    public static float[][] Rows(float[][] x, int from, int to) => x[from..to];
}
