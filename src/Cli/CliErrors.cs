using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace MlGan.Cli;

/// <summary>
/// The one error path of the `mlgan` verbs: an expected failure (bad options, unreadable or inconsistent data,
/// files that do not exist, a model ONNX Runtime cannot load) prints <c>mlgan VERB: message</c> on one line of
/// standard error and exits with <see cref="UsageOrDataError"/>; anything else is a bug and keeps its stack trace.
/// </summary>
public static class CliErrors
{
    /// <summary>Exit code of an expected failure (bad input, bad options).</summary>
    public const int UsageOrDataError = 2;

    /// <summary>Runs <paramref name="action"/> and maps expected failures to one line and exit code 2.</summary>
    public static int Run(string verb, Func<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            Console.Error.WriteLine($"mlgan {verb}: {OneLine(ex.Message)}");
            return UsageOrDataError;
        }
    }

    /// <summary>Failures that come from the user's input or environment rather than from a bug in MlGan.</summary>
    public static bool IsExpected(Exception ex) => ex is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException
        or FormatException or JsonException or OnnxRuntimeException or InvalidOperationException or OperationCanceledException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
