namespace MlGan.Cli.Tests.TestSupport;

/// <summary>Runs `mlgan` in-process through its entry point (parse errors: one line, exit 2), capturing standard output and error (Console is process-wide: callers do not parallelise).</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (Program.Main(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
