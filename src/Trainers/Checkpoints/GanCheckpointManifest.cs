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

    /// <summary>Layout version of the file; a reader accepts only <see cref="CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>Completed steps: a resumed run continues with this step index.</summary>
    public int Step { get; init; }
    /// <summary>The run's seed; a resume keeps it.</summary>
    public int Seed { get; init; }
    /// <summary>The trainer's real-data column.</summary>
    public string FeatureColumnName { get; init; } = "";
    /// <summary>The fitted generator's input column.</summary>
    public string LatentColumnName { get; init; } = "";
    /// <summary>The fitted generator's output column.</summary>
    public string OutputColumnName { get; init; } = "";
    /// <summary>The generator's <see cref="Transforms.Generators.GeneratorModule.Architecture"/>, e.g. <c>mlp</c>.</summary>
    public string GeneratorArchitecture { get; init; } = "";
    /// <summary>The critic's <see cref="Discriminators.DiscriminatorModule.Architecture"/>, e.g. <c>mlp</c>.</summary>
    public string DiscriminatorArchitecture { get; init; } = "";
    /// <summary>Shape of one sample: [n] for vectors, [C, H, W] for images.</summary>
    public long[] SampleShape { get; init; } = [];
    /// <summary>k, the latent dimension.</summary>
    public int LatentDimension { get; init; }
    /// <summary>The <see cref="GanTrainerOptions.Width"/> the networks were built with.</summary>
    public int Width { get; init; }
    /// <summary>The <see cref="GanTrainerOptions.HiddenLayers"/> the networks were built with.</summary>
    public int HiddenLayers { get; init; }
    /// <summary>C of a class-conditional run (labels in [0, C)); 0 (and in older files): unconditional.</summary>
    public int ClassCount { get; init; }
    /// <summary>The loss's registry name (<see cref="Losses.GanLoss.Name"/>).</summary>
    public string Loss { get; init; } = "";
    /// <summary>Whether the run kept a generator EMA (and the checkpoint holds its weights).</summary>
    public bool HasEma { get; init; }
    /// <summary>Whether the checkpoint holds the generator's ONNX (false for a user's generator without the ONNX contract; true in older files).</summary>
    public bool HasOnnx { get; init; } = true;
    /// <summary>Where the batch stream stood: epoch and rows read in it.</summary>
    public int DataEpoch { get; init; }
    /// <summary>Rows already read in epoch <see cref="DataEpoch"/>.</summary>
    public long DataRow { get; init; }
    /// <summary>The trainer options at the time (informational; a resume uses the current options).</summary>
    public JsonNode? Options { get; init; }
    /// <summary>The log's quantity columns, in order.</summary>
    public string[] LogQuantities { get; init; } = [];
    /// <summary>Every log row written up to <see cref="Step"/>.</summary>
    public List<LogRow> Log { get; init; } = [];

    /// <summary>One logged step.</summary>
    /// <param name="Step">The step index.</param>
    /// <param name="Values">One value per <see cref="LogQuantities"/> entry; null where it was not computed.</param>
    public sealed record LogRow(int Step, double?[] Values);

    /// <summary>The best training evaluation so far (completed steps, value); null without an evaluation.</summary>
    public Evaluation? BestEvaluation { get; init; }
    /// <summary>File name (same directory) of the checkpoint written at <see cref="BestEvaluation"/>; null when it is this one, or none.</summary>
    public string? BestCheckpoint { get; init; }

    /// <summary>One evaluation: completed steps and value.</summary>
    /// <param name="Step">Completed steps.</param>
    /// <param name="Value">The score.</param>
    public sealed record Evaluation(int Step, double Value);

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
