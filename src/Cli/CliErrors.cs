using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace MlGan.Cli;

/// <summary>
/// The one error path of the `mlgan` verbs and the samples: an expected failure (bad options, unreadable or
/// inconsistent data, files that do not exist, a model ONNX Runtime cannot load) prints <c>PROGRAM: message</c> on one
/// line of standard error and exits with <see cref="UsageOrDataError"/>; anything else is a bug and keeps its stack trace.
/// </summary>
public static class CliErrors
{
    /// <summary>Exit code of an expected failure (bad input, bad options).</summary>
    public const int UsageOrDataError = 2;

    /// <summary>Runs the action of <c>mlgan <paramref name="verb"/></c>; expected failures become one line and exit code 2.</summary>
    /// <param name="verb">The verb as typed after <c>mlgan</c> (e.g. <c>"stats merge"</c>); it starts the message.</param>
    /// <param name="action">The verb's work; returns the exit code.</param>
    public static int Run(string verb, Func<int> action) => RunProgram($"mlgan {verb}", action);

    /// <summary>Runs <paramref name="action"/> of <paramref name="program"/>; expected failures become one line and exit code 2.</summary>
    /// <param name="program">What starts the message: a sample's name, or <c>mlgan VERB</c>.</param>
    /// <param name="action">The work; returns the exit code.</param>
    public static int RunProgram(string program, Func<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            return Report(program, ex.Message);
        }
    }

    /// <summary>
    /// Parses <paramref name="args"/> with <paramref name="command"/> and runs it. A parse error (an unknown option, a
    /// value of the wrong type, a failed range check) prints one line, <c>PROGRAM[ VERB]: message</c>, instead of
    /// System.CommandLine's error-and-help page, and returns 2; so does an expected failure the action lets escape.
    /// <c>--help</c> and <c>--version</c> work as usual.
    /// </summary>
    /// <param name="command">The root command (its sub-commands, if any, name the verb in messages).</param>
    /// <param name="program">The program's name as users type it (<c>mlgan</c>, or a sample's name).</param>
    /// <param name="args">The command line.</param>
    public static int Invoke(Command command, string program, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        var parse = command.Parse(args);
        string label = Label(program, parse);
        // ParseResult.Action is the error action only when no terminating action (help, version) clears the errors.
        if (parse.Action is ParseErrorAction)
            return Report(label, string.Join("; ", parse.Errors.Select(e => e.Message).Distinct()));
        return RunProgram(label, () => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }

    /// <summary>Failures that come from the user's input or environment rather than from a bug in MlGan.</summary>
    public static bool IsExpected(Exception ex) => ex is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException
        or FormatException or JsonException or OnnxRuntimeException or InvalidOperationException or OperationCanceledException;

    private static int Report(string label, string message)
    {
        Console.Error.WriteLine($"{label}: {message.ReplaceLineEndings(" ").Trim()}");
        return UsageOrDataError;
    }

    /// <summary>The program followed by the sub-commands the parse reached, e.g. "mlgan stats merge".</summary>
    private static string Label(string program, ParseResult parse)
    {
        var verbs = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
            verbs.Add(result.Command.Name);
        verbs.Reverse();
        return string.Join(' ', [program, .. verbs]);
    }
}
