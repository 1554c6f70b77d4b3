using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Networks;

[TestClass]
public sealed class NetworkShapeTests
{
    [TestMethod]
    public void GeneratorsAndDiscriminatorsAgreeOnShapes()
    {
        using var scope = NewDisposeScope();
        var z = randn(5, 8);
        foreach (var (g, d) in new (GeneratorModule, DiscriminatorModule)[]
        {
            (new DcganGenerator(8, 4), new DcganDiscriminator(4)),
            (new ResNetGenerator(8, 4), new ResNetDiscriminator(4, spectralNorm: true)),
            (new MlpGenerator(8, [1, 28, 28], 16, outputActivation: OutputActivation.Tanh), new MlpDiscriminator([1, 28, 28], 16)),
        })
        {
            var x = g.forward(z);
            CollectionAssert.AreEqual(new long[] { 5, 1, 28, 28 }, x.shape, g.Architecture);
            CollectionAssert.AreEqual(new long[] { 5 }, d.forward(x).shape, d.Architecture);
            Assert.IsTrue(x.abs().max().ToDouble() < 1.0, "tanh output");
        }
        var lin = new LinearDiscriminator([3]);
        Assert.AreEqual(0.0, lin.forward(randn(4, 3)).abs().sum().ToDouble(), "d₀ = 0");
    }

    [TestMethod]
    public void WidthScalesTheFilterCount()
    {
        long Count(nn.Module m) => m.parameters().Sum(p => p.numel());
        // Conv weights grow ~k², so doubling k roughly quadruples the parameter count.
        double ratio = (double)Count(new DcganGenerator(8, 16)) / Count(new DcganGenerator(8, 8));
        Assert.IsTrue(ratio > 2.5 && ratio < 4.5, $"ratio {ratio}");
    }

    [TestMethod]
    public void HiddenLayerTrainsOnlyW()
    {
        var g = new HiddenLayerGenerator(2, 3, 10, seed: 1);
        var trained = g.parameters().Where(p => p.requires_grad).ToArray();
        Assert.AreEqual(1, trained.Length);
        CollectionAssert.AreEqual(new long[] { 10, 2 }, trained[0].shape);
        // G(z) = V ReLU(W z) by hand.
        var z = randn(4, 2);
        var expected = nn.functional.relu(z.matmul(g.W.t())).matmul(g.V.t());
        Assert.AreEqual(0.0, (g.forward(z) - expected).abs().max().ToDouble(), 1e-6);
    }

    [TestMethod]
    public void SameSeedSameWeights()
    {
        var a = new DcganDiscriminator(4, seed: 7).parameters().Select(p => p.sum().ToDouble()).ToArray();
        var b = new DcganDiscriminator(4, seed: 7).parameters().Select(p => p.sum().ToDouble()).ToArray();
        var c = new DcganDiscriminator(4, seed: 8).parameters().Select(p => p.sum().ToDouble()).ToArray();
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, c);
    }

    [TestMethod]
    public void BadShapesAndWidthsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DcganGenerator(8, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DcganGenerator(8, 4, [1, 30, 30]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpDiscriminator([2], -1));
        Assert.ThrowsExactly<ArgumentException>(() => new SpectralNorm(nn.ReLU()));
    }
}
