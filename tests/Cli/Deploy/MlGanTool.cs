namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// The real `mlgan` tool as a separate process: <c>dotnet mlgan.dll</c> from this test assembly's folder (the Cli
/// project is a ProjectReference, so its build output lands here). Schedulers run it the same way.
/// </summary>
internal static class MlGanTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>argv prefix that starts the tool: the dotnet host, then mlgan.dll.</summary>
    public static IReadOnlyList<string> Command
    {
        get
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "mlgan.dll");
            if (!File.Exists(dll))
                throw new FileNotFoundException($"'{dll}' is missing: build tests/Cli (it references src/Cli, whose output is mlgan.dll).", dll);
            // The SDK tells child processes which host runs them; fall back to dotnet on PATH.
            return [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", dll];
        }
    }

    /// <summary>
    /// <see cref="Command"/> as one string for a scheduler script's MLGAN variable, which splits it on whitespace.
    /// </summary>
    public static string CommandLine
    {
        get
        {
            var command = Command;
            var spaced = command.FirstOrDefault(part => part.Any(char.IsWhiteSpace));
            if (spaced is not null)
                throw new InvalidOperationException($"'{spaced}' contains whitespace; the deploy scripts' MLGAN variable cannot carry it.");
            return string.Join(' ', command);
        }
    }

    /// <summary>Runs <c>mlgan ARGS</c> to completion.</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, string? workingDirectory = null) =>
        ProcessRunner.Run(Command[0], [.. Command.Skip(1), .. arguments], Timeout, workingDirectory: workingDirectory);
}
