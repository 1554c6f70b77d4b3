using System.CommandLine;
using MlGan.Cli.Commands;

namespace MlGan.Cli;

/// <summary>The `mlgan` tool: one sub-command per file under Commands/.</summary>
public static class Program
{
    /// <summary>Runs `mlgan ARGS`; a bad command line prints one line and exits 2 (see <see cref="CliErrors.Invoke"/>).</summary>
    public static int Main(string[] args) => CliErrors.Invoke(BuildRoot(), "mlgan", args);

    /// <summary>The root command with every verb.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("MlGan: train, score, export and serve GANs built on ML.NET and TorchSharp.");
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(GmmCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ImportTorchCommand.Create());
        return root;
    }
}
