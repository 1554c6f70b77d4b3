using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlGan.Transforms.Data;

/// <summary>Checks and reads a fixed-size vector&lt;float&gt; column of an IDataView.</summary>
public static class VectorColumn
{
    /// <summary>
    /// The column's vector size. Throws ArgumentException (ML.NET's wording) when it is missing, not a
    /// vector of floats, of unknown size, or (with <paramref name="expectedSize"/>) of another size.
    /// </summary>
    public static int Validate(DataViewSchema schema, string columnName, int? expectedSize = null, string? sizeOption = null)
    {
        var column = schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentException($"Could not find input column '{columnName}'.", nameof(columnName));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n } vector || n.RawType != typeof(float))
            throw new ArgumentException($"Schema mismatch for input column '{columnName}': expected a vector of Single, got {column.Type}.", nameof(columnName));
        if (!vector.IsKnownSize)
            throw new ArgumentException($"Schema mismatch for input column '{columnName}': expected a vector of known size, got {vector}.", nameof(columnName));
        if (expectedSize is { } size && vector.Size != size)
            throw new ArgumentException(
                $"Schema mismatch for input column '{columnName}': expected a vector of {size} Single{(sizeOption is null ? "" : $" (from {sizeOption})")}, got {vector.Size}.",
                sizeOption ?? nameof(columnName));
        return vector.Size;
    }

    /// <summary>Reads every row into a row-major array; NaN/Inf → InvalidDataException naming the row; empty → error.</summary>
    public static float[] ReadAll(IDataView data, string columnName, int size, int? maxRows = null)
    {
        var values = new List<float>();
        long rows = 0;
        using var cursor = data.GetRowCursor(new[] { data.Schema[columnName] });
        var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[columnName]);
        var buffer = default(VBuffer<float>);
        while ((maxRows is null || rows < maxRows) && cursor.MoveNext())
        {
            getter(ref buffer);
            AppendChecked(buffer, values, columnName, rows);
            rows++;
        }
        if (rows == 0) throw new ArgumentException($"Input column '{columnName}' has no rows: training needs data.", nameof(data));
        return values.ToArray();
    }

    internal static void AppendChecked(in VBuffer<float> buffer, List<float> values, string columnName, long row)
    {
        foreach (var v in buffer.DenseValues())
        {
            if (!float.IsFinite(v))
                throw new InvalidDataException($"Input column '{columnName}' has a non-finite value ({v}) in row {row}; clean the data before training.");
            values.Add(v);
        }
    }
}
