using Microsoft.Data.Analysis;

namespace MlGan.Transforms.Training;

/// <summary>
/// The training log: one row per logged step, a <c>step</c> column and one double column per quantity
/// (losses, J, gradient norms, diagnostics). Backed by a Microsoft.Data.Analysis DataFrame.
/// </summary>
public sealed class TrainingLog
{
    private readonly PrimitiveDataFrameColumn<int> _steps = new("step");
    private readonly DoubleDataFrameColumn[] _values;

    /// <summary>An empty log with one column per quantity, in the given order.</summary>
    /// <param name="quantities">Column names such as <c>loss_d</c>; copied.</param>
    public TrainingLog(IReadOnlyList<string> quantities)
    {
        Quantities = quantities.ToArray();
        _values = Quantities.Select(q => new DoubleDataFrameColumn(q)).ToArray();
    }

    /// <summary>The quantity column names, in column order (without <c>step</c>).</summary>
    public IReadOnlyList<string> Quantities { get; }
    /// <summary>Number of logged rows.</summary>
    public long Count => _steps.Length;

    /// <summary>Appends one row.</summary>
    /// <param name="step">The training step the values belong to.</param>
    /// <param name="values">One value per quantity, in <see cref="Quantities"/> order; null where it was not computed.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold one value per quantity.</exception>
    public void Append(int step, IReadOnlyList<double?> values)
    {
        if (values.Count != _values.Length)
            throw new ArgumentException($"{values.Count} values for {_values.Length} log columns.", nameof(values));
        _steps.Append(step);
        for (int i = 0; i < values.Count; i++) _values[i].Append(values[i]);
    }

    /// <summary>A DataFrame view of the log (a copy: later appends do not change it).</summary>
    public DataFrame ToDataFrame() =>
        new(new DataFrameColumn[] { _steps.Clone() }.Concat(_values.Select(c => c.Clone())));

    /// <summary>The logged values of one quantity (null where it was not computed at that step).</summary>
    public IReadOnlyList<double?> Column(string quantity)
    {
        int i = Array.IndexOf((string[])Quantities, quantity);
        if (i < 0) throw new ArgumentException($"No log column '{quantity}'; columns: {string.Join(", ", Quantities)}.", nameof(quantity));
        return _values[i].ToList();
    }

    /// <summary>The step of every logged row, in order (a copy).</summary>
    public IReadOnlyList<int> Steps => _steps.Select(s => s!.Value).ToList();

    /// <summary>Writes the log as CSV (header: step, quantities), atomically.</summary>
    public void SaveCsv(string path)
    {
        string tmp = path + ".tmp";
        using (var stream = File.Create(tmp)) DataFrame.SaveCsv(ToDataFrame(), stream);
        File.Move(tmp, path, overwrite: true);
    }
}
