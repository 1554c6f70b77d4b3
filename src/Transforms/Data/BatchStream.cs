using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlGan.Transforms.Data;

/// <summary>
/// Endless minibatches of a vector&lt;float&gt; column streamed from an IDataView: each epoch is a fresh cursor
/// over ML.NET's seeded ShuffleRows (pool shuffle, so data larger than memory works); the epoch seed is
/// derived from the stream seed, so the same seed gives the same batches.
/// </summary>
public sealed class BatchStream : IDisposable
{
    private readonly MLContext _ml;
    private readonly IDataView _data;
    private readonly string _column;
    private readonly int _size;
    private readonly int _seed;
    private readonly LabelColumn? _label;
    private readonly long[]? _labels;
    private readonly int _classCount;
    private DataViewRowCursor? _cursor;
    private ValueGetter<VBuffer<float>>? _getter;
    private Func<long>? _labelReader;
    private VBuffer<float> _buffer;
    private long _row;

    /// <summary>A stream over <paramref name="data"/>'s <paramref name="columnName"/>; no row is read until <see cref="Next"/> or <see cref="Seek"/>.</summary>
    /// <param name="ml">The context whose <c>Data.ShuffleRows</c> shuffles each epoch.</param>
    /// <param name="data">The rows to stream; read once per epoch, never held in memory as a whole.</param>
    /// <param name="columnName">A fixed-size vector&lt;float&gt; column of <paramref name="data"/>.</param>
    /// <param name="batchSize">Rows per batch, ≥ 1.</param>
    /// <param name="seed">Seeds every epoch's shuffle (epoch e uses <c>seed·7919 + e</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is &lt; 1.</exception>
    /// <exception cref="ArgumentException">The column is missing, not a vector of floats, or of unknown size.</exception>
    public BatchStream(MLContext ml, IDataView data, string columnName, int batchSize, int seed)
        : this(ml, data, columnName, batchSize, seed, null, 0) { }

    /// <summary>A stream that also reads each row's class label (class-conditional training; see <see cref="LastLabels"/>).</summary>
    /// <param name="ml">The context whose <c>Data.ShuffleRows</c> shuffles each epoch.</param>
    /// <param name="data">The rows to stream.</param>
    /// <param name="columnName">A fixed-size vector&lt;float&gt; column of <paramref name="data"/>.</param>
    /// <param name="batchSize">Rows per batch, ≥ 1.</param>
    /// <param name="seed">Seeds every epoch's shuffle.</param>
    /// <param name="label">The label column (<see cref="LabelColumn.Of"/>); null: none.</param>
    /// <param name="classCount">C: every label must lie in [0, C) (checked as rows are read).</param>
    public BatchStream(MLContext ml, IDataView data, string columnName, int batchSize, int seed, LabelColumn? label, int classCount)
    {
        Guard.Positive(batchSize, nameof(batchSize));
        _ml = ml;
        _data = data;
        _column = columnName;
        _size = VectorColumn.Validate(data.Schema, columnName);
        _seed = seed;
        _label = label;
        if (label is not null) Guard.AtLeast(classCount, 2, nameof(classCount));
        _classCount = classCount;
        BatchSize = batchSize;
        _labels = label is null ? null : new long[batchSize];
    }

    /// <summary>The class labels of the rows of the last <see cref="Next"/> batch, in row order (a copy); null without a label column.</summary>
    public long[]? LastLabels => _labels?.ToArray();

    /// <summary>Rows per batch (≥ 1).</summary>
    public int BatchSize { get; }
    /// <summary>Floats per row: the column's vector size.</summary>
    public int VectorSize => _size;
    /// <summary>Completed passes over the data.</summary>
    public int Epoch { get; private set; }

    /// <summary>Where the stream stands (epoch, rows read in it), for checkpoints; <see cref="Seek"/> returns to it.</summary>
    public (int Epoch, long Row) Position => (Epoch, _cursor is null ? 0 : _row);

    /// <summary>
    /// Continues from a <see cref="Position"/>: reopens that epoch's shuffle (seeded by the stream seed and the
    /// epoch, so the order is the same) and skips the rows already read.
    /// </summary>
    public void Seek(int epoch, long row)
    {
        Guard.AtLeast(epoch, 0, nameof(epoch));
        if (row < 0) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be ≥ 0; got {row}.");
        Epoch = epoch;
        _cursor?.Dispose();
        _cursor = null;
        if (row == 0) return;
        OpenEpoch();
        for (long r = 0; r < row; r++)
            if (!_cursor!.MoveNext())
                throw new ArgumentOutOfRangeException(nameof(row), row, $"Epoch {epoch} of column '{_column}' has only {r} rows; the position does not belong to this data.");
        _row = row;
    }

    /// <summary>The next batch as a row-major [BatchSize × VectorSize] array (wraps into the next epoch).</summary>
    public float[] Next()
    {
        var batch = new float[BatchSize * _size];
        var rowValues = new List<float>(_size);
        for (int r = 0; r < BatchSize; r++)
        {
            if (_cursor is null || !_cursor.MoveNext())
            {
                if (_cursor is not null) Epoch++;
                OpenEpoch();
                if (!_cursor!.MoveNext())
                    throw new ArgumentException($"Input column '{_column}' has no rows: training needs data.");
            }
            _getter!(ref _buffer);
            if (_labels is not null) _labels[r] = _label!.Check(_labelReader!(), _classCount, _row);
            rowValues.Clear();
            VectorColumn.AppendChecked(_buffer, rowValues, _column, _row++);
            rowValues.CopyTo(batch, r * _size);
        }
        return batch;
    }

    private void OpenEpoch()
    {
        _cursor?.Dispose();
        var shuffled = _ml.Data.ShuffleRows(_data, seed: unchecked(_seed * 7919 + Epoch), shufflePoolSize: 10_000);
        _cursor = _label is null ? shuffled.GetRowCursor(new[] { shuffled.Schema[_column] })
            : shuffled.GetRowCursor(new[] { shuffled.Schema[_column], shuffled.Schema[_label.Name] });
        _getter = _cursor.GetGetter<VBuffer<float>>(shuffled.Schema[_column]);
        _labelReader = _label?.Reader(_cursor);
        _row = 0;
    }

    /// <summary>Closes the open cursor, if any.</summary>
    public void Dispose() => _cursor?.Dispose();
}
