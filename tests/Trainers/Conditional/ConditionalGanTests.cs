using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Tests.Conditional;

/// <summary>Class-conditional networks: shapes, the projection and ACGAN terms against closed forms, training, ONNX, errors.</summary>
[TestClass]
public sealed class ConditionalGanTests
{
    /// <summary>Labelled 1×8×8 images: class c is a bright square at a class-dependent place.</summary>
    internal sealed class Row
    {
        [VectorType(64)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    internal static IDataView LabelledImages(MLContext ml, int count = 40, int classes = 3)
    {
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            int c = i % classes;
            var x = Enumerable.Repeat(-1f, 64).ToArray();
            for (int r = 0; r < 3; r++) for (int q = 0; q < 3; q++) x[(c + r) * 8 + c + q] = 1f;
            return new Row { Features = x, Label = c };
        });
        return ml.Data.LoadFromEnumerable(rows);
    }

    [TestMethod]
    public void ConditionalGeneratorConcatenatesTheLabelEmbedding()
    {
        using var inner = new MlpGenerator(4 + 3, [5], 8, 1, OutputActivation.Linear, seed: 1);
        using var g = new ConditionalGenerator(inner, classCount: 3, embeddingDimension: 3, seed: 2);
        Assert.AreEqual(4, g.LatentDimension);
        Assert.AreEqual("mlp+label", g.Architecture);
        var z = randn(6, 4, generator: new torch.Generator(3));
        var y = tensor(new long[] { 0, 1, 2, 2, 1, 0 });
        var table = g.named_parameters().Single(p => p.name.EndsWith("embedding.weight")).parameter;
        using var _ = no_grad();
        var expected = inner.forward(cat([z, table.index_select(0, y)], 1));
        Assert.IsTrue(g.forward(z, y).allclose(expected, 0, 0));
        // Different labels, different samples; the single-input forward names the two-input one.
        Assert.IsFalse(g.forward(z, zeros_like(y)).allclose(g.forward(z, y)));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => g.forward(z)).Message, "forward(latents, labels)");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => g.forward(z, tensor(new long[] { 0, 1, 2, 3, 0, 0 }))).Message, "[0, 3)");
    }

    [TestMethod]
    public void ProjectionDiscriminatorIsHeadPlusInnerProductWithTheClassEmbedding()
    {
        var inner = new MlpDiscriminator([5], 6, 1, seed: 1);
        using var d = new ProjectionDiscriminator(inner, classCount: 4, seed: 2);
        Assert.AreEqual("mlp+projection", d.Architecture);
        var x = randn(7, 5, generator: new torch.Generator(4));
        var y = tensor(new long[] { 0, 3, 1, 2, 3, 0, 1 });
        var v = d.named_parameters().Single(p => p.name.StartsWith("embedding")).parameter; // V [C, F]
        using var _ = no_grad();
        var phi = inner.Features(x);
        var expected = inner.Head(phi) + (v.index_select(0, y) * phi).sum(1, keepdim: false);
        using (d.Condition(y)) Assert.IsTrue(d.forward(x).allclose(expected, 1e-6, 1e-6));
        // Outside a scope the critic says how to call it.
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => d.forward(x)).Message, "Condition(labels)");
    }

    [TestMethod]
    public void AcganLossesAreCrossEntropiesOfTheClassifierOnTheCriticFeatures()
    {
        var inner = new MlpDiscriminator([5], 6, 1, seed: 1);
        using var d = new AuxiliaryClassifierDiscriminator(inner, classCount: 3, weight: 0.5, seed: 2);
        var real = randn(4, 5, generator: new torch.Generator(5));
        var fake = randn(4, 5, generator: new torch.Generator(6));
        var y = tensor(new long[] { 2, 0, 1, 1 });
        using var _ = no_grad();
        var logits = d.ClassLogits(fake).to(ScalarType.Float64);
        // CE by hand: mean of logsumexp − the true class's logit.
        double ce(Tensor l) => (l.logsumexp(1, keepdim: false) - l.gather(1, y.unsqueeze(1)).squeeze(1)).mean().ToDouble();
        double fakeCe = ce(logits), realCe = ce(d.ClassLogits(real).to(ScalarType.Float64));
        Assert.AreEqual(0.5 * fakeCe, d.GeneratorAuxiliaryLoss(fake, y)!.ToDouble(), 1e-6);
        Assert.AreEqual(0.5 * (fakeCe + realCe), d.CriticAuxiliaryLoss(real, fake, y)!.ToDouble(), 1e-6);
        using (d.Condition(y)) Assert.IsTrue(d.forward(real).allclose(inner.forward(real), 0, 0));
    }

    [TestMethod]
    public void FeatureSplitOfTheBuiltInCriticsGivesTheirForward()
    {
        long[] shape = [1, 8, 8];
        foreach (var critic in new DiscriminatorModule[] { new MlpDiscriminator(shape, 6), new DcganDiscriminator(2, shape, spectralNorm: true), new ResNetDiscriminator(2, shape) })
        {
            using var _ = no_grad();
            critic.eval();
            var x = randn(3, 1, 8, 8, generator: new torch.Generator(7));
            var f = (IFeatureDiscriminator)critic;
            var phi = f.Features(x);
            CollectionAssert.AreEqual(new[] { 3L, f.FeatureSize }, phi.shape, critic.Architecture);
            Assert.IsTrue(f.Head(phi).allclose(critic.forward(x), 0, 0), critic.Architecture);
            critic.Dispose();
        }
    }

    [TestMethod]
    public void ConditionalDcganTrainsExportsAndGeneratesTheRequestedClassesThroughOnnx()
    {
        foreach (var conditioning in new[] { GanConditioning.Projection, GanConditioning.AuxiliaryClassifier })
        {
            var ml = new MLContext(1);
            var options = GanRecipes.Apply("hinge", new GanTrainerOptions
            {
                Network = GanNetwork.Dcgan, Width = 2, LatentDimension = 6, ImageShape = [1, 8, 8], Steps = 3, BatchSize = 8, Seed = 1,
                LabelColumnName = "Label", Conditioning = conditioning, LabelEmbeddingDimension = 4, SpectralNorm = true,
            });
            using var g = ml.Gan().Trainers.Gan(options).Fit(LabelledImages(ml));
            Assert.AreEqual(3, g.ClassCount);
            Assert.AreEqual(3, g.Metadata.ClassCount);
            Assert.AreEqual("Label", g.LabelColumnName);
            Assert.AreEqual(conditioning == GanConditioning.Projection ? "dcgan+projection" : "dcgan+acgan", g.GanTraining().Discriminator.Architecture);
            Assert.IsTrue(g.GanTraining().Log.Column("g_grad_norm").All(v => v > 0));

            // ML.NET path (ONNX Runtime, float labels cast in the graph) = TorchSharp path, per requested class.
            var latents = LatentSampler.Sample(6, 9, seed: 3, LatentDistribution.Gaussian);
            long[] labels = [0, 1, 2, 0, 1, 2, 2, 1, 0];
            var view = ml.Data.LoadFromEnumerable(latents.Zip(labels, (z, y) => new LatentRow { Latent = z, Label = y }),
                SchemaFor(ml, 6));
            var onnx = g.Transform(view).GetColumn<float[]>("Generated").ToArray();
            var torchOut = g.Generate(latents, labels);
            for (int i = 0; i < labels.Length; i++)
                for (int j = 0; j < 64; j++) Assert.AreEqual(torchOut[i][j], onnx[i][j], 1e-4);

            // The exported file has an int64 label input; its runner checks the class range.
            string path = Path.Combine(Path.GetTempPath(), $"cond-{Guid.NewGuid():N}.onnx");
            try
            {
                g.ExportOnnx(path);
                using var runner = new OnnxGeneratorRunner(path);
                Assert.AreEqual(3, runner.ClassCount);
                Assert.AreEqual("label", runner.LabelInputName);
                var direct = runner.Generate(latents, labels);
                for (int i = 0; i < labels.Length; i++)
                    for (int j = 0; j < 64; j++) Assert.AreEqual(torchOut[i][j], direct[i][j], 1e-4);
                StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => runner.Generate(latents, labels.Select(l => l + 1).ToArray())).Message, "[0, 3)");
                Assert.ThrowsExactly<InvalidOperationException>(() => runner.Generate(latents));
                CollectionAssert.AreEqual(new long[] { 0, 1, 2, 0, 1 }, runner.BalancedLabels(5));
            }
            finally { File.Delete(path); }
        }
    }

    [TestMethod]
    public void SavedConditionalGeneratorLoadsBackWithItsLabelInput()
    {
        var ml = new MLContext(1);
        var options = GanRecipes.Apply("hinge", new GanTrainerOptions
        {
            Network = GanNetwork.Mlp, Width = 8, LatentDimension = 3, ImageShape = [1, 8, 8], Steps = 2, BatchSize = 8, Seed = 1,
            OutputActivation = OutputActivation.Tanh, LabelColumnName = "Label",
        });
        using var g = ml.Gan().Trainers.Gan(options).Fit(LabelledImages(ml));
        var latents = LatentSampler.Sample(3, 4, seed: 5, LatentDistribution.Gaussian);
        var view = ml.Data.LoadFromEnumerable(latents.Select((z, i) => new LatentRow { Latent = z, Label = i % 3 }), SchemaFor(ml, 3));
        string zip = Path.Combine(Path.GetTempPath(), $"cond-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(g, view.Schema, zip);
            using var loaded = ml.Gan().LoadGenerator(zip);
            Assert.AreEqual(3, loaded.Metadata.ClassCount);
            Assert.AreEqual("Label", loaded.LabelColumnName);
            var expected = g.Transform(view).GetColumn<float[]>("Generated").ToArray();
            var actual = loaded.Transform(view).GetColumn<float[]>("Generated").ToArray();
            for (int i = 0; i < expected.Length; i++) CollectionAssert.AreEqual(expected[i], actual[i]);
            // A view without the label column is an error naming it.
            var noLabel = ml.Gan().Data.Latent(3, 4, seed: 5);
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => loaded.Transform(noLabel)).Message, "'Label'");
        }
        finally { File.Delete(zip); }
    }

    [TestMethod]
    public void BadConditionalInputNamesTheOption()
    {
        var ml = new MLContext(1);
        GanTrainerOptions Options(string label) => new()
        {
            Network = GanNetwork.Mlp, Width = 4, LatentDimension = 2, Steps = 1, BatchSize = 4, Seed = 1, LabelColumnName = label,
        };
        var data = LabelledImages(ml);
        // Missing label column.
        var missing = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(Options("Class")).Fit(data));
        Assert.AreEqual("LabelColumnName", missing.ParamName);
        // A label column of the wrong type.
        var vectorLabels = ml.Transforms.Concatenate("Pair", "Label", "Label").Fit(data).Transform(data);
        var wrongType = Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(Options("Pair")).Fit(vectorLabels));
        StringAssert.Contains(wrongType.Message, "expected a key");
        // Labels outside the declared classes.
        var o = Options("Label");
        o.ClassCount = 2;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ml.Gan().Trainers.Gan(o).Fit(data)).Message, "outside [0, 2)");
        // Non-integral labels.
        var halves = ml.Transforms.CustomMapping<Row, Row>((a, b) => { b.Features = a.Features; b.Label = a.Label + 0.5f; }, null).Fit(data).Transform(data);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ml.Gan().Trainers.Gan(Options("Label")).Fit(halves)).Message, "not a class index");
        // Conditioning with a dynamics that has no conditional form, ClassCount without a label column.
        var unrolled = Options("Label");
        unrolled.Dynamics = GanDynamics.Unrolled;
        Assert.AreEqual("Dynamics", Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(unrolled)).ParamName);
        var countOnly = Options("Label");
        countOnly.LabelColumnName = null;
        countOnly.ClassCount = 3;
        Assert.AreEqual("ClassCount", Assert.ThrowsExactly<ArgumentException>(() => ml.Gan().Trainers.Gan(countOnly)).ParamName);
    }

    [TestMethod]
    public void KeyLabelsAreOneBasedAndGiveTheClassCount()
    {
        var ml = new MLContext(1);
        var data = LabelledImages(ml, count: 12, classes: 4);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Key", "Label").Fit(data).Transform(data);
        var column = LabelColumn.Of(keyed.Schema, "Key", "LabelColumnName");
        Assert.AreEqual(4, column.CountClasses(keyed));
        using var cursor = keyed.GetRowCursor(keyed.Schema);
        var read = column.Reader(cursor);
        var label = cursor.GetGetter<float>(keyed.Schema["Label"]);
        float original = 0;
        var byValue = new Dictionary<float, long>();
        while (cursor.MoveNext())
        {
            label(ref original);
            long k = read();
            Assert.IsTrue(k is >= 0 and < 4);
            if (byValue.TryGetValue(original, out long seen)) Assert.AreEqual(seen, k); else byValue[original] = k;
        }
        Assert.AreEqual(4, byValue.Values.Distinct().Count());
    }

    internal sealed class LatentRow
    {
        public float[] Latent { get; set; } = [];
        public float Label { get; set; }
    }

    internal static SchemaDefinition SchemaFor(MLContext ml, int k)
    {
        var schema = SchemaDefinition.Create(typeof(LatentRow));
        schema[nameof(LatentRow.Latent)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        return schema;
    }
}
