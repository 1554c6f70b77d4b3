using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Trainers;

/// <summary>
/// The ML.NET estimator contract every MlGan trainer shares, by composition (ML.NET's own estimator bases have
/// private-protected constructors): schema check → row check → train → build the transformer → a final
/// <c>GetOutputSchema</c> check that the transformer does what the estimator promised.
/// The output-schema rule (the same for estimator, fitted transformer and <c>ml.Gan().LoadGenerator</c>): the generated
/// column appears exactly when the input has the latent column; a view without it (the training data, as
/// <c>EstimatorChain.Fit</c> pushes it through the fitted transformer) passes through unchanged.
/// </summary>
internal sealed class GeneratorEstimatorCore(MLContext ml, string featureColumnName, string latentColumnName, string outputColumnName)
{
    /// <summary>The estimator's output schema: the feature column must be a known-size float vector.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckFloatVector(inputSchema, featureColumnName, "input");
        var latent = inputSchema.FirstOrDefault(c => c.Name == latentColumnName);
        if (latent.Name is null) return inputSchema;
        CheckFloatVector(inputSchema, latentColumnName, "latent");
        // The generated column has the features' shape (a known-size vector of Single).
        return ml.Transforms.CopyColumns(outputColumnName, featureColumnName).GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// Runs the contract around <paramref name="train"/>, which receives the feature column's vector size and returns the
    /// fitted generator; returns it after checking its output schema on the input and on a latent view.
    /// </summary>
    public GeneratorTransformer Fit(IDataView input, Func<int, GeneratorTransformer> train)
    {
        ArgumentNullException.ThrowIfNull(input);
        int size = VectorColumn.Validate(input.Schema, featureColumnName);
        if (input.Schema.GetColumnOrNull(latentColumnName) is not null) VectorColumn.Validate(input.Schema, latentColumnName);
        CheckRows(input);
        var transformer = train(size);
        try
        {
            if (input.Schema.GetColumnOrNull(latentColumnName) is null && transformer.GetOutputSchema(input.Schema).Count != input.Schema.Count)
                throw new InvalidOperationException($"The fitted generator changed a view without the latent column '{latentColumnName}' (it must pass through).");
            var latentView = transformer.LabelColumnName is { } label
                ? VectorDataView.FromRows(ml, Array.Empty<float[]>(), Array.Empty<float>(), latentColumnName, transformer.LatentDimension, label)
                : VectorDataView.FromRows(ml, Array.Empty<float[]>(), latentColumnName, transformer.LatentDimension);
            if (transformer.GetOutputSchema(latentView.Schema).GetColumnOrNull(outputColumnName) is not { Type: VectorDataViewType { Size: var generated } vector }
                || generated != size || vector.ItemType != NumberDataViewType.Single)
                throw new InvalidOperationException($"The fitted generator does not produce '{outputColumnName}' as a vector of {size} Single from '{latentColumnName}'.");
        }
        catch
        {
            transformer.Dispose();
            throw;
        }
        return transformer;
    }

    /// <summary>One streaming pass before training: the data must have rows and only finite values.</summary>
    private void CheckRows(IDataView input)
    {
        var column = input.Schema[featureColumnName];
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        long row = 0;
        for (; cursor.MoveNext(); row++)
        {
            getter(ref buffer);
            foreach (var v in buffer.DenseValues())
                if (!float.IsFinite(v))
                    throw new InvalidDataException($"Input column '{featureColumnName}' has a non-finite value ({v}) in row {row}; clean the data before training.");
        }
        if (row == 0) throw new ArgumentException($"Input column '{featureColumnName}' has no rows: training needs data.", nameof(input));
    }

    private static void CheckFloatVector(SchemaShape schema, string name, string role)
    {
        var column = schema.FirstOrDefault(c => c.Name == name);
        if (column.Name is null) throw new ArgumentException($"Could not find {role} column '{name}'.", nameof(schema));
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Schema mismatch for {role} column '{name}': expected a known-size vector of Single, got {column.ItemType} ({column.Kind}).", nameof(schema));
    }
}
