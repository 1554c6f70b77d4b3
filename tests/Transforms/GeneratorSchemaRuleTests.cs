using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Transforms.Tests;

/// <summary>
/// The generator schema rule, for GeneratorTransformer and LoadedGenerator alike: latent column → generated column;
/// no latent column → the view passes through; a latent column of the wrong type or size → an error naming it and k.
/// </summary>
[TestClass]
public sealed class GeneratorSchemaRuleTests
{
    private const int K = 3;

    private sealed class LatentRow
    {
        [VectorType(K)] public float[] Latent { get; set; } = [];
    }

    private sealed class GeneratedRow
    {
        [VectorType(2)] public float[] Generated { get; set; } = [];
    }

    private sealed class FeaturesRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
    }

    private sealed class ScalarLatentRow
    {
        public float Latent { get; set; }
    }

    private sealed class DoubleLatentRow
    {
        [VectorType(K)] public double[] Latent { get; set; } = [];
    }

    /// <summary>Hands back a transformer that is already fitted, so it can sit in an EstimatorChain.</summary>
    private sealed class Fitted(ITransformer transformer) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => transformer;
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    private static GeneratorTransformer Generator(MLContext ml) =>
        new(ml, new MlpGenerator(K, [2], 8, 1, OutputActivation.Tanh, seed: 4),
            new GeneratorMetadata(K, LatentDistribution.Gaussian, [2], "mlp", "wgan", 11, (-1, 1)));

    [TestMethod]
    public void GeneratorTransformerFollowsTheRule()
    {
        var ml = new MLContext(1);
        using var g = Generator(ml);
        AssertRule(ml, g, g);
    }

    [TestMethod]
    public void LoadedGeneratorFollowsTheRule()
    {
        var ml = new MLContext(1);
        using var g = Generator(ml);
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-rule-{Guid.NewGuid():N}.onnx");
        try
        {
            g.ExportOnnx(path);
            using var loaded = ml.Gan().LoadGenerator(path);
            AssertRule(ml, loaded, g);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AGeneratorWithoutOnnxExportPassesTrainingDataThroughAndSaysWhatIsMissingWhenAskedToGenerate()
    {
        var ml = new MLContext(1);
        var module = TorchSharp.torch.nn.Linear(K, 2);
        using var g = new GeneratorTransformer(ml, GeneratorModule.Wrap(module, K, [2]),
            new GeneratorMetadata(K, LatentDistribution.Gaussian, [2], "custom", "wgan", 1, null));
        var features = ml.Gan().Data.TwoMoons(count: 5, seed: 2);
        Assert.AreSame(features, g.Transform(features));
        Assert.AreSame(features.Schema, g.GetOutputSchema(features.Schema));
        Assert.AreEqual(2, g.Generate([new float[K]])[0].Length, "TorchSharp generation needs no ONNX");
        var latents = ml.Gan().Data.Latent(K, 3, seed: 1);
        // The output schema is known without ONNX (the estimator's final check relies on it); generating needs ONNX.
        Assert.AreEqual(2, VectorColumn.Validate(g.GetOutputSchema(latents.Schema), "Generated"));
        foreach (Action call in new Action[]
        {
            () => g.Transform(latents),
            () => g.GetRowToRowMapper(latents.Schema),
            () => g.Refresh(),
            () => g.ExportOnnx(new MemoryStream()),
        })
            StringAssert.Contains(Assert.ThrowsExactly<NotSupportedException>(call).Message, "IOnnxExportableGenerator");
        Assert.AreSame(features, g.Transform(features), "a refused export leaves the pass-through working");
    }

    /// <summary>Checks <paramref name="t"/> against the TorchSharp network of <paramref name="reference"/> (an independent forward pass).</summary>
    private static void AssertRule(MLContext ml, ITransformer t, GeneratorTransformer reference)
    {
        // With the latent column: the generated column, equal to the TorchSharp forward pass, by Transform and by the row mapper.
        var latents = ml.Gan().Data.Latent(K, 12, seed: 3);
        var z = latents.GetColumn<float[]>("Latent").ToArray();
        var want = reference.Generate(z);
        var schema = t.GetOutputSchema(latents.Schema);
        var generated = (VectorDataViewType)schema["Generated"].Type;
        Assert.AreEqual(NumberDataViewType.Single, generated.ItemType);
        Assert.AreEqual(2, generated.Size);
        AssertClose(want, t.Transform(latents).GetColumn<float[]>("Generated").ToArray());
        var engine = ml.Model.CreatePredictionEngine<LatentRow, GeneratedRow>(t);
        AssertClose(want[..1], [engine.Predict(new LatentRow { Latent = z[0] }).Generated]);

        // Without it (training data): the same view and schema back, an identity row mapper, and an EstimatorChain fits through it.
        var features = ml.Gan().Data.TwoMoons(count: 7, seed: 2);
        Assert.AreSame(features, t.Transform(features));
        Assert.AreSame(features.Schema, t.GetOutputSchema(features.Schema));
        var mapper = t.GetRowToRowMapper(features.Schema);
        CollectionAssert.AreEqual(features.Schema.Select(c => c.Name).ToArray(), mapper.OutputSchema.Select(c => c.Name).ToArray());
        var identity = ml.Model.CreatePredictionEngine<FeaturesRow, FeaturesRow>(t);
        CollectionAssert.AreEqual(new[] { 0.25f, -1.5f }, identity.Predict(new FeaturesRow { Features = [0.25f, -1.5f] }).Features);
        var chain = ml.Transforms.CopyColumns("Copy", "Features").Append(new Fitted(t)).Fit(features);
        var through = chain.Transform(features);
        Assert.IsNull(through.Schema.GetColumnOrNull("Generated"));
        CollectionAssert.AreEqual(features.GetColumn<float[]>("Features").SelectMany(r => r).ToArray(),
            through.GetColumn<float[]>("Copy").SelectMany(r => r).ToArray());

        // A latent column of the wrong size or type: every entry point names the column and the expected size.
        var wrongViews = new[]
        {
            ml.Gan().Data.Latent(K + 1, 2, seed: 1),
            ml.Data.LoadFromEnumerable([new ScalarLatentRow { Latent = 1 }]),
            ml.Data.LoadFromEnumerable([new DoubleLatentRow { Latent = new double[K] }]),
        };
        foreach (var wrong in wrongViews)
        {
            foreach (Action call in new Action[]
            {
                () => t.GetOutputSchema(wrong.Schema),
                () => t.Transform(wrong),
                () => t.GetRowToRowMapper(wrong.Schema),
            })
            {
                var ex = Assert.ThrowsExactly<ArgumentException>(call);
                StringAssert.Contains(ex.Message, "'Latent'");
                StringAssert.Contains(ex.Message, $"vector of {K} Single");
            }
        }
    }

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.AreEqual(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i].Length, actual[i].Length);
            for (int j = 0; j < expected[i].Length; j++) Assert.AreEqual(expected[i][j], actual[i][j], 1e-5f, $"[{i}][{j}]");
        }
    }
}
