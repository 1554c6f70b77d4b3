using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlGan.Samples.Reproduce;

/// <summary>
/// One finished experiment saved as DIR/&lt;id&gt;/outcome.json, so a full run (hours on 2 cores) that is killed keeps
/// what it finished and <c>--resume</c> continues it. An outcome is reused only by a run of the same settings (mode and
/// image-sweep bounds); a failed experiment is never saved, so it runs again.
/// </summary>
internal static class ExperimentCheckpoint
{
    private const string FileName = "outcome.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>What an outcome.json holds: the settings it was run with, the record and the load around it.</summary>
    private sealed record Saved(string Settings, ExperimentRecord Record, double? LoadBefore, double? LoadAfter, DateTime FinishedUtc);

    /// <summary>Where an experiment's outcome is saved.</summary>
    public static string PathIn(string experimentDirectory) => Path.Combine(experimentDirectory, FileName);

    /// <summary>The settings key of a run: a resumed run must match it.</summary>
    public static string Settings(bool quick, ImageSweepSettings sweeps) => (quick ? "quick" : "full") + sweeps.Flags();

    public static void Save(string experimentDirectory, string settings, ExperimentRecord record, double? loadBefore, double? loadAfter)
    {
        if (record.Error is not null) return;
        string path = PathIn(experimentDirectory);
        File.WriteAllText(path + ".partial", JsonSerializer.Serialize(new Saved(settings, record, loadBefore, loadAfter, DateTime.UtcNow), Json));
        File.Move(path + ".partial", path, overwrite: true);
    }

    /// <summary>
    /// The saved record of this experiment when one exists for the same settings; null when there is none. A file that
    /// does not parse, or was written with other settings, is reported in <paramref name="skipped"/> and not used.
    /// </summary>
    public static (ExperimentRecord Record, double? LoadBefore, double? LoadAfter)? TryLoad(string experimentDirectory, string id, string settings, out string? skipped)
    {
        skipped = null;
        string path = PathIn(experimentDirectory);
        if (!File.Exists(path)) return null;
        Saved? saved;
        try
        {
            saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            skipped = $"{path} does not parse ({ex.Message}); running {id} again";
            return null;
        }
        if (saved?.Record is null || saved.Record.Id != id || saved.Record.Outcome is null)
        {
            skipped = $"{path} holds no finished {id}; running it again";
            return null;
        }
        if (saved.Settings != settings)
        {
            skipped = $"{path} was written by a '{saved.Settings}' run, this one is '{settings}'; running {id} again";
            return null;
        }
        return (saved.Record, saved.LoadBefore, saved.LoadAfter);
    }
}
