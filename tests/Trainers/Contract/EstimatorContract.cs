using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Trainers.Tests.Contract;

/// <summary>
/// The estimator contract in the style of ML.NET's TestEstimatorCore, for any MlGan trainer: fit on valid input;
/// bad schemas rejected by both GetOutputSchema and Fit; estimator, fitted transformer and loaded generator agree
/// on the output schema with and without the latent column; save → new MLContext → load gives equal outputs;
/// the trainer works chained after NormalizeMinMax; and a PredictionEngine serves the loaded model.
/// </summary>
internal static class EstimatorContract
{
    private const string Features = "Features", Latent = "Latent", Generated = "Generated";

    /// <param name="make">Builds the estimator on a context (reading "Features", writing "Generated" from "Latent").</param>
    /// <param name="data">Training data with a "Features" vector column of <paramref name="size"/> floats.</param>
    public static void Check(Func<MLContext, IEstimator<GeneratorTransformer>> make, Func<MLContext, IDataView> data, int size)
    {
        var ml = new MLContext(1);
        var estimator = make(ml);
        var train = data(ml);

        // The rule, estimator side: no latent column → the schema passes through; with one → Generated is added.
        var passThrough = estimator.GetOutputSchema(SchemaShapes.Of(train.Schema));
        Assert.IsFalse(passThrough.Any(c => c.Name == Generated), "a view without the latent column gets no generated column");
        CollectionAssert.AreEqual(SchemaShapes.Of(train.Schema).Select(c => c.Name).ToArray(), passThrough.Select(c => c.Name).ToArray());

        RejectsBadSchemas(ml, make);

        using var generator = estimator.Fit(train);
        int k = generator.LatentDimension;
        var both = FeaturesAndLatents(ml, size, k, rows: 12);
        var withLatent = estimator.GetOutputSchema(SchemaShapes.Of(both.Schema));
        var column = withLatent.Single(c => c.Name == Generated);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.AreEqual(NumberDataViewType.Single, column.ItemType);

        // The rule, transformer side: the same two answers.
        Assert.IsNull(generator.GetOutputSchema(train.Schema).GetColumnOrNull(Generated));
        Assert.IsNull(generator.Transform(train).Schema.GetColumnOrNull(Generated));
        AssertGenerated(generator.GetOutputSchema(both.Schema), size);
        var expected = Column(generator.Transform(both), Generated);
        Assert.AreEqual(12, expected.Length);
        Assert.IsTrue(expected.All(r => r.Length == size && r.All(float.IsFinite)));
        var latents = both.GetColumn<float[]>(Latent).ToArray();
        AssertClose(expected, generator.Generate(latents), 1e-4, "ONNX Transform vs TorchSharp forward");

        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-contract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string zip = Path.Combine(dir, "model.zip");
            ml.Model.Save(generator, both.Schema, zip);
            var fresh = new MLContext(2);
            var loaded = fresh.Model.Load(zip, out var savedSchema);
            Assert.IsNotNull(savedSchema.GetColumnOrNull(Latent));
            AssertClose(expected, Column(loaded.Transform(FeaturesAndLatents(fresh, size, k, rows: 12)), Generated), 0, "ml.Model.Load");

            // The rule, loaded-generator side.
            using var typed = fresh.Gan().LoadGenerator(zip);
            Assert.IsNull(typed.GetOutputSchema(train.Schema).GetColumnOrNull(Generated));
            AssertGenerated(typed.GetOutputSchema(both.Schema), size);
            AssertClose(expected, Column(typed.Transform(FeaturesAndLatents(fresh, size, k, rows: 12)), Generated), 0, "LoadGenerator");

            // A PredictionEngine over the loaded model.
            var input = SchemaDefinition.Create(typeof(LatentRow));
            input[nameof(LatentRow.Latent)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
            var output = SchemaDefinition.Create(typeof(GeneratedRow));
            output[nameof(GeneratedRow.Generated)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
            var engine = fresh.Model.CreatePredictionEngine<LatentRow, GeneratedRow>(loaded, inputSchemaDefinition: input, outputSchemaDefinition: output);
            CollectionAssert.AreEqual(expected[3], engine.Predict(new LatentRow { Latent = latents[3] }).Generated);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // Chained after a built-in transform: the chain fits, pushes its training data through, and the last transformer generates.
        var chainContext = new MLContext(1);
        var chain = chainContext.Transforms.NormalizeMinMax(Features).Append(make(chainContext)).Fit(data(chainContext));
        Assert.IsNull(chain.Transform(data(chainContext)).Schema.GetColumnOrNull(Generated));
        var chained = Column(chain.LastTransformer.Transform(FeaturesAndLatents(chainContext, size, k, rows: 5)), Generated);
        Assert.IsTrue(chained.Length == 5 && chained.All(r => r.Length == size && r.All(float.IsFinite)));
        chain.LastTransformer.Dispose();
    }

    /// <summary>A missing feature column, a scalar one and a vector of another type: both GetOutputSchema and Fit refuse, naming the column.</summary>
    private static void RejectsBadSchemas(MLContext ml, Func<MLContext, IEstimator<GeneratorTransformer>> make)
    {
        var missing = ml.Data.LoadFromEnumerable(new[] { new ScalarRow { Other = 1 }, new ScalarRow { Other = 2 } });
        var scalar = ml.Data.LoadFromEnumerable(new[] { new ScalarFeatures { Features = 1 }, new ScalarFeatures { Features = 2 } });
        var doubles = ml.Data.LoadFromEnumerable(new[] { new DoubleFeatures { Features = [1, 2] }, new DoubleFeatures { Features = [3, 4] } });
        foreach (var bad in new[] { missing, scalar, doubles })
        {
            var estimator = make(ml);
            StringAssert.Contains(Assert.Throws<ArgumentException>(() => estimator.GetOutputSchema(SchemaShapes.Of(bad.Schema))).Message, Features);
            StringAssert.Contains(Assert.Throws<ArgumentException>(() => estimator.Fit(bad)).Message, Features);
        }
    }

    /// <summary>A view with both columns: features (zeros) and seeded latents.</summary>
    private static IDataView FeaturesAndLatents(MLContext ml, int size, int k, int rows)
    {
        var latents = MlGan.Transforms.Latent.LatentSampler.Sample(k, rows, 17, MlGan.Transforms.Latent.LatentDistribution.Gaussian);
        var items = latents.Select(z => new BothRow { Features = new float[size], Latent = z }).ToArray();
        var definition = SchemaDefinition.Create(typeof(BothRow));
        definition[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        definition[Latent].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        return ml.Data.LoadFromEnumerable(items, definition);
    }

    private static void AssertGenerated(DataViewSchema schema, int size) =>
        Assert.AreEqual(size, VectorColumn.Validate(schema, Generated));

    private static float[][] Column(IDataView view, string name) => view.GetColumn<float[]>(name).ToArray();

    private static void AssertClose(float[][] expected, float[][] actual, double tolerance, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected[i].Length; j++) worst = Math.Max(worst, Math.Abs(expected[i][j] - actual[i][j]));
        Assert.IsTrue(worst <= tolerance, $"{what}: max |Δ| = {worst} > {tolerance}");
    }

    private sealed class BothRow
    {
        public float[] Features { get; set; } = [];
        public float[] Latent { get; set; } = [];
    }

    private sealed class LatentRow
    {
        public float[] Latent { get; set; } = [];
    }

    private sealed class GeneratedRow
    {
        public float[] Generated { get; set; } = [];
    }

    private sealed class ScalarRow
    {
        public float Other { get; set; }
    }

    private sealed class ScalarFeatures
    {
        public float Features { get; set; }
    }

    private sealed class DoubleFeatures
    {
        [VectorType(2)] public double[] Features { get; set; } = [];
    }
}
