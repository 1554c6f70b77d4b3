using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlGan.Transforms.Data;

/// <summary>
/// Reads a class-label column for conditional GANs: a key (value = key − 1, ML.NET's 1-based keys; 0 is a missing
/// value), or an integer (Int32, UInt32, Int64) or integral floating-point (Single, Double — MlGan's Fashion-MNIST
/// <c>Label</c> is Single) scalar. Every value must be a class index in [0, C).
/// </summary>
public sealed class LabelColumn
{
    private readonly Func<DataViewRow, Func<long>> _reader;

    private LabelColumn(string name, DataViewType type, int? keyCount, Func<DataViewRow, Func<long>> reader)
    {
        Name = name;
        Type = type;
        KeyCount = keyCount;
        _reader = reader;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The column's ML.NET type.</summary>
    public DataViewType Type { get; }

    /// <summary>The class count a key column declares (its cardinality); null for numeric columns.</summary>
    public int? KeyCount { get; }

    /// <summary>The label column <paramref name="columnName"/> of <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">The column is missing or of another type; the message names <paramref name="optionName"/>.</exception>
    public static LabelColumn Of(DataViewSchema schema, string columnName, string optionName)
    {
        Guard.NotNull(schema, nameof(schema));
        if (string.IsNullOrWhiteSpace(columnName)) throw new ArgumentException($"{optionName} must name a column.", optionName);
        var column = schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentException($"{optionName}: the data has no column '{columnName}' (columns: {string.Join(", ", schema.Select(c => c.Name))}).", optionName);
        var t = column.Type;
        if (t is KeyDataViewType key && key.RawType == typeof(uint))
        {
            if (key.Count > int.MaxValue) throw new ArgumentException($"{optionName}: key column '{columnName}' has {key.Count} values; too many classes.", optionName);
            return new(columnName, t, (int)key.Count, row => Read<uint>(row, column, v => v == 0 ? Missing(columnName) : v - 1L));
        }
        if (t == NumberDataViewType.Int32) return new(columnName, t, null, row => Read<int>(row, column, v => v));
        if (t == NumberDataViewType.UInt32) return new(columnName, t, null, row => Read<uint>(row, column, v => v));
        if (t == NumberDataViewType.Int64) return new(columnName, t, null, row => Read<long>(row, column, v => v));
        if (t == NumberDataViewType.Single) return new(columnName, t, null, row => Read<float>(row, column, v => Integral(v, columnName)));
        if (t == NumberDataViewType.Double) return new(columnName, t, null, row => Read<double>(row, column, v => Integral(v, columnName)));
        throw new ArgumentException($"{optionName}: label column '{columnName}' is {t}; expected a key, Int32, UInt32, Int64 or integral Single/Double scalar of class indices.", optionName);
    }

    /// <summary>A reader of this column's class index on <paramref name="row"/> (a cursor that includes the column).</summary>
    public Func<long> Reader(DataViewRow row) => _reader(row);

    /// <summary>
    /// The number of classes: a key column's cardinality, or one more than the largest label (one pass over the data).
    /// </summary>
    /// <exception cref="InvalidDataException">A negative, non-integral or missing label, or no rows.</exception>
    public int CountClasses(IDataView data)
    {
        if (KeyCount is { } count) return count;
        using var cursor = data.GetRowCursor([data.Schema[Name]]);
        var read = Reader(cursor);
        long max = -1, row = 0;
        while (cursor.MoveNext())
        {
            long v = read();
            if (v < 0) throw new InvalidDataException($"Label column '{Name}' has a negative class index ({v}) in row {row}.");
            max = Math.Max(max, v);
            row++;
        }
        if (row == 0) throw new ArgumentException($"Label column '{Name}' has no rows: training needs data.", nameof(data));
        if (max >= int.MaxValue) throw new InvalidDataException($"Label column '{Name}' holds class index {max}: too many classes.");
        return (int)max + 1;
    }

    /// <summary>Checks a label read from row <paramref name="row"/> against [0, <paramref name="classCount"/>).</summary>
    /// <exception cref="InvalidDataException">The label is outside the range.</exception>
    public long Check(long label, int classCount, long row) =>
        label >= 0 && label < classCount ? label
            : throw new InvalidDataException($"Label column '{Name}' has class index {label} in row {row}, outside [0, {classCount}) (the ClassCount option).");

    private static Func<long> Read<T>(DataViewRow row, DataViewSchema.Column column, Func<T, long> convert)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return convert(value);
        };
    }

    private static long Integral(double v, string name) =>
        double.IsFinite(v) && v == Math.Floor(v) && Math.Abs(v) < 1L << 53 ? (long)v
            : throw new InvalidDataException($"Label column '{name}' holds {v}, which is not a class index (an integer).");

    private static long Missing(string name) =>
        throw new InvalidDataException($"Label column '{name}' has a missing key value (0).");
}
