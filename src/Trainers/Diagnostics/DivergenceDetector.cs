namespace MlGan.Trainers.Diagnostics;

/// <summary>Stops training at the first NaN or infinite logged quantity, naming the step and the quantity.</summary>
public static class DivergenceDetector
{
    /// <summary>Throws at the first non-finite value of a step.</summary>
    /// <param name="step">The step the values belong to.</param>
    /// <param name="quantities">The log column names, parallel to <paramref name="values"/>.</param>
    /// <param name="values">The step's values; null entries (not computed) are skipped.</param>
    /// <exception cref="TrainingDivergedException">A value is NaN or infinite.</exception>
    public static void Check(int step, IReadOnlyList<string> quantities, IReadOnlyList<double?> values)
    {
        for (int i = 0; i < values.Count; i++)
            if (values[i] is { } v && !double.IsFinite(v))
                throw new TrainingDivergedException(step, quantities[i], v);
    }
}

/// <summary>Training produced a non-finite value.</summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>An exception naming the step, the quantity and its value, with a hint at the usual fixes.</summary>
    /// <param name="step">The step that produced the value.</param>
    /// <param name="quantity">The log column that holds it.</param>
    /// <param name="value">The non-finite value.</param>
    public TrainingDivergedException(int step, string quantity, double value)
        : base($"Training diverged at step {step}: {quantity} = {value}. Lower the learning rate or check the data scale.")
    {
        Step = step;
        Quantity = quantity;
    }

    /// <summary>The step that produced the non-finite value.</summary>
    public int Step { get; }
    /// <summary>The log column that holds it, e.g. <c>d_loss</c>.</summary>
    public string Quantity { get; }
}
