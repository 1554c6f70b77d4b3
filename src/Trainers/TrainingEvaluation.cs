namespace MlGan.Trainers;

/// <summary>
/// A score computed from the generator every few steps during training — FID against cached real statistics is the
/// usual one. The trainers stay independent of MlGan.Evaluation: the caller supplies <see cref="Evaluate"/> (the CLI
/// and samples wire FID from MlGan.Evaluation). The value goes into the training log as the column <see cref="Name"/>;
/// with a checkpoint directory the trainer keeps the best-scoring checkpoint (never pruned), and with
/// <see cref="Patience"/> it stops early.
/// </summary>
public sealed class TrainingEvaluation
{
    /// <summary>The log column (lower-case, e.g. <c>fid</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Evaluate after every this many completed steps (and after the last step), ≥ 1.</summary>
    public required int Every { get; init; }

    /// <summary>Scores the generator; receives a snapshot that generates from the weights Fit would return now (the EMA ones when EMA is on).</summary>
    public required Func<GeneratorSnapshot, double> Evaluate { get; init; }

    /// <summary>True (default) when lower is better (FID, KID); false for Inception score, precision, …</summary>
    public bool LowerIsBetter { get; init; } = true;

    /// <summary>Stop after this many evaluations in a row without improvement, ≥ 0; 0 (default): never stop early.</summary>
    public int Patience { get; init; }

    /// <summary>Checks the settings; messages name the setting.</summary>
    /// <exception cref="ArgumentException">An empty name or a null evaluator.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Every"/> &lt; 1 or <see cref="Patience"/> &lt; 0.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("The evaluation needs a non-empty Name (its log column).", nameof(Name));
        MlGan.Transforms.Guard.Positive(Every, nameof(Every));
        MlGan.Transforms.Guard.AtLeast(Patience, 0, nameof(Patience));
        ArgumentNullException.ThrowIfNull(Evaluate, nameof(Evaluate));
    }

    /// <summary>True when <paramref name="candidate"/> improves on <paramref name="best"/> (NaN never does).</summary>
    public bool Improves(double candidate, double? best) =>
        !double.IsNaN(candidate) && (best is not { } b || (LowerIsBetter ? candidate < b : candidate > b));
}
