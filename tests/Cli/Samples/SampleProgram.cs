using MlGan.Cli.Tests.Deploy;

namespace MlGan.Cli.Tests.Samples;

/// <summary>
/// A sample as a separate process: <c>dotnet NAME.dll</c> from this test assembly's folder (the samples are
/// ProjectReferences, so their build output lands here), as a user runs it.
/// </summary>
internal static class SampleProgram
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs sample <paramref name="name"/> with <paramref name="arguments"/> to completion.</summary>
    public static ProcessResult Run(string name, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"'{dll}' is missing: build tests/Cli (it references samples/{name}).", dll);
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        return ProcessRunner.Run(host, [dll, .. arguments], Timeout);
    }
}
