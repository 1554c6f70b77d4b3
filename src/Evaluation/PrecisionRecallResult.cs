namespace MlGan.Evaluation;

/// <summary>Improved precision and recall of a generated feature set (<see cref="PrecisionRecall"/>), each in [0, 1].</summary>
/// <param name="Precision">Share of generated samples inside the real manifold estimate: sample quality.</param>
/// <param name="Recall">Share of real samples inside the generated manifold estimate: coverage of the real distribution.</param>
public sealed record PrecisionRecallResult(double Precision, double Recall);
