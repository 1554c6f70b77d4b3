using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MlGan.Trainers.Checkpoints;

/// <summary>
/// manifest.json of a <see cref="GanCheckpoint"/>: what the blobs beside it belong to. A reader refuses a format
/// version it does not know, and a resume refuses a checkpoint whose architecture differs from the options.
/// </summary>
public sealed record GanCheckpointManifest
{
    /// <summary>Bumped when the layout changes incompatibly.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>Completed steps: a resumed run continues with this step index.</summary>
    public int Step { get; init; }
    public int Seed { get; init; }
    public string FeatureColumnName { get; init; } = "";
    public string LatentColumnName { get; init; } = "";
    public string OutputColumnName { get; init; } = "";
    public string GeneratorArchitecture { get; init; } = "";
    public string DiscriminatorArchitecture { get; init; } = "";
    public long[] SampleShape { get; init; } = [];
    public int LatentDimension { get; init; }
    public int Width { get; init; }
    public int HiddenLayers { get; init; }
    public string Loss { get; init; } = "";
    public bool HasEma { get; init; }
    /// <summary>Whether the checkpoint holds the generator's ONNX (false for a user's generator without the ONNX contract; true in older files).</summary>
    public bool HasOnnx { get; init; } = true;
    /// <summary>Where the batch stream stood: epoch and rows read in it.</summary>
    public int DataEpoch { get; init; }
    public long DataRow { get; init; }
    /// <summary>The trainer options at the time (informational; a resume uses the current options).</summary>
    public JsonNode? Options { get; init; }
    public string[] LogQuantities { get; init; } = [];
    public List<LogRow> Log { get; init; } = [];

    public sealed record LogRow(int Step, double?[] Values);

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
