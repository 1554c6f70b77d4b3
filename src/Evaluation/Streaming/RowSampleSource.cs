namespace MlGan.Evaluation.Streaming;

/// <summary>In-memory rows as an <see cref="ISampleSource"/> (CSV rows, Fashion-MNIST, generated samples).</summary>
public sealed class RowSampleSource : ISampleSource
{
    private readonly IReadOnlyList<float[]> _rows;

    /// <summary>Wraps <paramref name="rows"/> (not copied).</summary>
    public RowSampleSource(IReadOnlyList<float[]> rows, string description)
    {
        _rows = MlGan.Transforms.Guard.NotNull(rows, nameof(rows));
        Description = description;
    }

    /// <inheritdoc/>
    public int Count => _rows.Count;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public string NameOf(int index) => $"row {index + 1}";

    /// <inheritdoc/>
    public float[] Load(int index) => _rows[index];
}
