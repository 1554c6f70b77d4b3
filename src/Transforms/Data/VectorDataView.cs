using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlGan.Transforms.Data;

/// <summary>Builds IDataViews whose vector column has a known fixed size, from in-memory rows.</summary>
public static class VectorDataView
{
    internal sealed class VectorRow
    {
        public float[] Values { get; set; } = Array.Empty<float>();
    }

    internal sealed class LabeledVectorRow
    {
        public float[] Values { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
    }

    /// <summary>One fixed-size vector&lt;float&gt; column named <paramref name="columnName"/>.</summary>
    public static IDataView FromRows(MLContext ml, IReadOnlyList<float[]> rows, string columnName, int dimension)
    {
        Guard.Positive(dimension, nameof(dimension));
        var schema = SchemaDefinition.Create(typeof(VectorRow));
        schema.Single(c => c.MemberName == nameof(VectorRow.Values)).ColumnName = columnName;
        schema.Single(c => c.MemberName == nameof(VectorRow.Values)).ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return ml.Data.LoadFromEnumerable(rows.Select(r => new VectorRow { Values = r }), schema);
    }

    /// <summary>A vector&lt;float&gt; column plus a float label column (default <c>Label</c>; e.g. latents and the classes to generate).</summary>
    public static IDataView FromRows(MLContext ml, IReadOnlyList<float[]> rows, IReadOnlyList<float> labels, string columnName, int dimension,
        string labelColumnName = GanDataCatalog.LabelColumn)
    {
        Guard.Positive(dimension, nameof(dimension));
        if (labels.Count != rows.Count) throw new ArgumentException($"{labels.Count} labels for {rows.Count} rows.", nameof(labels));
        var schema = SchemaDefinition.Create(typeof(LabeledVectorRow));
        schema.Single(c => c.MemberName == nameof(LabeledVectorRow.Values)).ColumnName = columnName;
        schema.Single(c => c.MemberName == nameof(LabeledVectorRow.Values)).ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        schema.Single(c => c.MemberName == nameof(LabeledVectorRow.Label)).ColumnName = labelColumnName;
        return ml.Data.LoadFromEnumerable(rows.Select((r, i) => new LabeledVectorRow { Values = r, Label = labels[i] }), schema);
    }
}
