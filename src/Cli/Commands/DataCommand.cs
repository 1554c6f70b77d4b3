using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Commands;

/// <summary>`mlgan data`: draws one of the synthetic targets and writes it as CSV (one sample per line).</summary>
public static class DataCommand
{
    /// <summary>The `data` verb.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = string.Join(" | ", SyntheticTargets.Names) };
        target.AcceptOnlyFromAmong([.. SyntheticTargets.Names]);
        var count = new Option<int>("--count") { Description = "Number of samples.", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo?>("--out") { Description = "CSV file to write (default: standard output)." };
        var cmd = new Command("data", "Draw a synthetic target and write it as CSV.") { target, count, seed, output };
        cmd.SetAction(parse => CliErrors.Run("data", () =>
        {
            var ml = new MLContext(parse.GetValue(seed));
            var data = SyntheticTargets.ByName(ml.Gan().Data, parse.GetValue(target)!, parse.GetValue(count));
            using var writer = parse.GetValue(output) is { } file ? new StreamWriter(file.FullName) : new StreamWriter(Console.OpenStandardOutput());
            foreach (var row in data.GetColumn<float[]>("Features"))
                writer.WriteLine(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            return 0;
        }));
        return cmd;
    }
}
