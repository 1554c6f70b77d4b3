namespace MlGan.Trainers.Diagnostics;

/// <summary>Watches every step's values in the training loop; a non-null return is a warning the loop logs.</summary>
public interface ITrainingMonitor
{
    /// <summary>Sees one step's values; called for every step, logged or not.</summary>
    /// <param name="step">The step index.</param>
    /// <param name="quantities">The log column names, parallel to <paramref name="values"/>.</param>
    /// <param name="values">The step's values; null where a quantity was not computed at this step.</param>
    /// <returns>A warning to log, or null.</returns>
    string? Observe(int step, IReadOnlyList<string> quantities, IReadOnlyList<double?> values);
}
