using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan info MODEL [--json]`: a one-screen summary of a model zip, a generator .onnx or a training checkpoint (file or
/// directory): architecture, latent dimension and distribution, sample shape and range, loss, training steps, source.
/// A file that is none of these is one line on standard error and exit code 2.
/// </summary>
public static class InfoCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The `info` verb.</summary>
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "model.zip (ml.Model.Save, mlgan train / import-torch), a generator .onnx, or a checkpoint (ckpt-*.zip or its directory)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object (snake_case keys; null where the file does not record it)." };
        var cmd = new Command("info", "Summarise a model file: architecture, latent, sample shape and range, loss, steps, source.") { model, json };
        cmd.SetAction(parse => CliErrors.Run("info", () =>
        {
            var summary = ModelSummary.Read(parse.GetValue(model)!);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(summary, Json) : Text(summary));
            return 0;
        }));
        return cmd;
    }

    /// <summary>The summary as aligned "field: value" lines.</summary>
    public static string Text(ModelSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        const string unknown = "(not recorded)";
        string Or(object? value) => value switch
        {
            null => unknown,
            long n => n.ToString("N0", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
        var rows = new List<(string, string)>
        {
            ("file", s.File),
            ("kind", s.Kind),
            ("architecture", Or(s.Architecture) + (s.Discriminator is { } d ? $" (critic: {d})" : "")),
            ("latent", s.LatentDimension is { } k ? $"z ∈ R^{k}, {s.LatentDistribution ?? "distribution " + unknown}" : unknown),
            ("sample", s.SampleShape is { } shape ? $"[{string.Join(", ", shape)}], range {s.SampleRange ?? unknown}" : unknown),
            ("loss", Or(s.Loss)),
            ("seed", Or(s.Seed)),
            ("training steps", Or(s.TrainingSteps)),
            ("parameters", Or(s.Parameters)),
            ("source", Or(s.Source)),
            ("inputs", s.Inputs.Length > 0 ? string.Join("; ", s.Inputs) : unknown),
            ("outputs", s.Outputs.Length > 0 ? string.Join("; ", s.Outputs) : unknown),
        };
        int width = rows.Max(r => r.Item1.Length);
        return string.Join(Environment.NewLine, rows.Select(r => $"{(r.Item1 + ":").PadRight(width + 1)} {r.Item2}"));
    }
}
