using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;
using TorchSharp;

namespace MlGan.Transforms.Tests;

/// <summary>
/// GeneratorTransformer never runs stale weights: after its network changes in place, Transform, ml.Model.Save → Load
/// and ExportOnnx all give what the TorchSharp forward pass of the changed network gives.
/// </summary>
[TestClass]
public sealed class GeneratorFreshnessTests
{
    private static readonly GeneratorMetadata Mlp = new(3, LatentDistribution.Gaussian, [2], "mlp", "wgan", 11, (-1, 1));

    private static GeneratorTransformer MlpTransformer(MLContext ml) =>
        new(ml, new MlpGenerator(3, [2], 8, 1, OutputActivation.Tanh, seed: 4), Mlp);

    /// <summary>The reference: Generator.forward on the latent rows, in eval mode, no ONNX involved.</summary>
    private static float[][] Forward(GeneratorModule generator, float[][] z)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        generator.eval();
        var x = generator.forward(torch.tensor(z.SelectMany(r => r).ToArray(), [z.Length, z[0].Length])).reshape(z.Length, -1);
        var flat = x.data<float>().ToArray();
        int size = flat.Length / z.Length;
        return Enumerable.Range(0, z.Length).Select(i => flat[(i * size)..((i + 1) * size)]).ToArray();
    }

    private static void Shift(torch.Tensor t, double by)
    {
        using var _ = torch.no_grad();
        t.add_(by);
    }

    private static double MaxAbs(float[][] a, float[][] b) =>
        a.Zip(b).SelectMany(p => p.First.Zip(p.Second, (x, y) => (double)Math.Abs(x - y))).Max();

    [TestMethod]
    public void TransformSaveLoadAndExportFollowAnInPlaceChangeOfAParameter()
    {
        var ml = new MLContext(1);
        using var g = MlpTransformer(ml);
        var latents = ml.Gan().Data.Latent(3, 16, seed: 5);
        var z = latents.GetColumn<float[]>("Latent").ToArray();
        var before = g.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        Assert.IsTrue(MaxAbs(Forward(g.Generator, z), before) <= 1e-5);

        Shift(g.Generator.parameters().First(), 0.1);
        var want = Forward(g.Generator, z);
        Assert.IsTrue(MaxAbs(want, before) > 1e-2, "the change must move the outputs, or this test proves nothing");

        Assert.IsTrue(MaxAbs(want, g.Transform(latents).GetColumn<float[]>("Generated").ToArray()) <= 1e-5, "Transform");
        string zip = Path.Combine(Path.GetTempPath(), $"mlgan-fresh-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(g, latents.Schema, zip);
            var loaded = new MLContext(2).Model.Load(zip, out _);
            Assert.IsTrue(MaxAbs(want, loaded.Transform(latents).GetColumn<float[]>("Generated").ToArray()) <= 1e-5, "Save → Load");
        }
        finally
        {
            File.Delete(zip);
        }
        using var onnx = new MemoryStream();
        g.ExportOnnx(onnx);
        using var runner = new OnnxGeneratorRunner(onnx.ToArray(), "exported");
        Assert.IsTrue(MaxAbs(want, runner.Generate(z)) <= 1e-5, "ExportOnnx");

        // Transform rebuilt the copy; nothing changed since.
        Assert.IsFalse(g.Refresh());
        Shift(g.Generator.parameters().Last(), -0.2);
        Assert.IsTrue(g.Refresh());
        Assert.IsFalse(g.Refresh());
        var engine = ml.Model.CreatePredictionEngine<LatentRow, GeneratedRow>(g);
        Shift(g.Generator.parameters().First(), 0.3);
        var after = Forward(g.Generator, z);
        // A mapper made before the change keeps its weights; a new one sees the change.
        Assert.IsTrue(MaxAbs(after[..1], [engine.Predict(new LatentRow { Latent = z[0] }).Generated]) > 1e-3);
        var fresh = ml.Model.CreatePredictionEngine<LatentRow, GeneratedRow>(g);
        Assert.IsTrue(MaxAbs(after[..1], [fresh.Predict(new LatentRow { Latent = z[0] }).Generated]) <= 1e-5, "GetRowToRowMapper");
    }

    private sealed class LatentRow
    {
        [VectorType(3)] public float[] Latent { get; set; } = [];
    }

    private sealed class GeneratedRow
    {
        [VectorType(2)] public float[] Generated { get; set; } = [];
    }

    [TestMethod]
    public void ABufferChangeIsSeenToo()
    {
        // DCGAN's batch-norm running statistics are buffers, not parameters; eval-mode outputs depend on them.
        var ml = new MLContext(1);
        var metadata = new GeneratorMetadata(4, LatentDistribution.Gaussian, [1, 8, 8], "dcgan", "wgan", 1, (-1, 1));
        using var g = new GeneratorTransformer(ml, new DcganGenerator(4, 2, [1, 8, 8], seed: 3), metadata);
        var latents = ml.Gan().Data.Latent(4, 6, seed: 2);
        var z = latents.GetColumn<float[]>("Latent").ToArray();
        var before = g.Transform(latents).GetColumn<float[]>("Generated").ToArray();
        var runningMean = g.Generator.named_buffers().First(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer;
        Shift(runningMean, 0.5);
        var want = Forward(g.Generator, z);
        Assert.IsTrue(MaxAbs(want, before) > 1e-3, "the buffer change must move the outputs");
        Assert.IsTrue(MaxAbs(want, g.Transform(latents).GetColumn<float[]>("Generated").ToArray()) <= 1e-5);
    }

    [TestMethod]
    public void TheSnapshotOutlivesTheCallersDisposeScopeAndNaNWeightsDoNotRebuildAtEveryCall()
    {
        var ml = new MLContext(1);
        GeneratorTransformer g;
        using (torch.NewDisposeScope())
        {
            g = MlpTransformer(ml);
            Assert.IsTrue(g.Refresh(), "the first call builds the ONNX copy and its snapshot");
        }
        using (g)
        {
            Assert.IsFalse(g.Refresh(), "a disposed snapshot would throw or differ here");
            using (torch.no_grad()) g.Generator.parameters().First().fill_(float.NaN);
            Assert.IsTrue(g.Refresh());
            Assert.IsFalse(g.Refresh(), "NaN equals NaN for the snapshot");
        }
        Assert.ThrowsExactly<ObjectDisposedException>(() => g.Refresh());
        Assert.ThrowsExactly<ObjectDisposedException>(() => g.Transform(ml.Gan().Data.Latent(3, 2, seed: 1)));
    }

    [TestMethod]
    public void ConcurrentTransformsWhileRefreshingAllSeeCompleteWeights()
    {
        var ml = new MLContext(1);
        using var g = MlpTransformer(ml);
        var latents = ml.Gan().Data.Latent(3, 8, seed: 7);
        var z = latents.GetColumn<float[]>("Latent").ToArray();
        Shift(g.Generator.parameters().First(), 0.05);
        var want = Forward(g.Generator, z);
        var results = new float[8][][];
        Parallel.For(0, results.Length, i => results[i] = g.Transform(latents).GetColumn<float[]>("Generated").ToArray());
        foreach (var r in results) Assert.IsTrue(MaxAbs(want, r) <= 1e-5);
    }
}
