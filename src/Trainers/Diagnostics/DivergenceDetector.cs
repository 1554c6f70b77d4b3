namespace MlGan.Trainers.Diagnostics;

/// <summary>Stops training at the first NaN or infinite logged quantity, naming the step and the quantity.</summary>
public static class DivergenceDetector
{
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
    public TrainingDivergedException(int step, string quantity, double value)
        : base($"Training diverged at step {step}: {quantity} = {value}. Lower the learning rate or check the data scale.")
    {
        Step = step;
        Quantity = quantity;
    }

    public int Step { get; }
    public string Quantity { get; }
}
