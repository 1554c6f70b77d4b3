namespace MlGan.Transforms.Training;

/// <summary>
/// What a trainer's <c>Fit</c> learned besides the generator, kept on the fitted <see cref="GeneratorTransformer"/>
/// (never on the estimator, which stays a reusable, immutable recipe). Trainers derive their own result with
/// their own extras (the critic, diagnostics, the exact objective).
/// </summary>
public class TrainingResult
{
    /// <summary>A result of <paramref name="steps"/> completed steps with its log, diagnostics' warnings and last checkpoint.</summary>
    public TrainingResult(TrainingLog log, int seed, int steps, IReadOnlyList<string>? warnings = null, string? lastCheckpoint = null)
    {
        Log = Guard.NotNull(log, nameof(log));
        Seed = seed;
        Guard.AtLeast(steps, 0, nameof(steps));
        Steps = steps;
        Warnings = (warnings ?? []).ToArray();
        LastCheckpoint = lastCheckpoint;
    }

    /// <summary>The training log: one row per logged step.</summary>
    public TrainingLog Log { get; }

    /// <summary>The seed the run used (the option, or the one drawn from the MLContext).</summary>
    public int Seed { get; }

    /// <summary>Steps completed (a resumed run counts the steps of its checkpoint too).</summary>
    public int Steps { get; }

    /// <summary>Warnings the diagnostics raised during training, in step order ("step N: …").</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Path of the last checkpoint written during the run; null when checkpoints were off.</summary>
    public string? LastCheckpoint { get; }
}
