namespace MlGan.Trainers.Diagnostics;

/// <summary>Watches every step's values in the training loop; a non-null return is a warning the loop logs.</summary>
public interface ITrainingMonitor
{
    string? Observe(int step, IReadOnlyList<string> quantities, IReadOnlyList<double?> values);
}
