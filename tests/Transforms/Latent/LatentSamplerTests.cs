using MlGan.Transforms.Data;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Tests.Latent;

[TestClass]
public sealed class LatentSamplerTests
{
    [TestMethod]
    public void SeededRowsConsumeThePortableStreamRowMajor()
    {
        // The contract served and scored samples rest on: row n, coordinate d is draw n·k + d of SeededRandom(seed).
        foreach (var distribution in new[] { LatentDistribution.Gaussian, LatentDistribution.Uniform })
        {
            var rows = LatentSampler.Sample(dimension: 3, count: 5, seed: 17, distribution);
            var stream = new SeededRandom(17);
            Assert.AreEqual(5, rows.Length);
            foreach (var row in rows)
            {
                Assert.AreEqual(3, row.Length);
                foreach (var v in row)
                    Assert.AreEqual((float)(distribution == LatentDistribution.Gaussian ? stream.Normal() : stream.Uniform(-1, 1)), v);
            }
        }
        CollectionAssert.AreEqual(LatentSampler.Sample(4, 2, 3, LatentDistribution.Gaussian)[1], LatentSampler.Sample(4, 2, 3, LatentDistribution.Gaussian)[1]);
    }

    [TestMethod]
    public void TensorsAreTheTrainersDrawsAndHaveTheRightMoments()
    {
        using var scope = NewDisposeScope();
        // Exactly what GanStepper and the random-feature stepper drew before they called the sampler.
        var gaussian = LatentSampler.Sample(6, 4, LatentDistribution.Gaussian, new torch.Generator(21));
        Assert.IsTrue(gaussian.eq(randn(6, 4, generator: new torch.Generator(21))).all().item<bool>());
        var uniform = LatentSampler.Sample(6, 4, LatentDistribution.Uniform, new torch.Generator(21));
        Assert.IsTrue(uniform.eq(rand(6, 4, generator: new torch.Generator(21)) * 2 - 1).all().item<bool>());
        CollectionAssert.AreEqual(new long[] { 6, 4 }, uniform.shape);

        // Moments of a large draw: N(0, 1) and U[-1, 1) (mean 0, variance 1/3); 5 standard errors.
        const int n = 40_000, k = 5;
        var random = new torch.Generator(8);
        var g = LatentSampler.Sample(n, k, LatentDistribution.Gaussian, random).to(ScalarType.Float64);
        var u = LatentSampler.Sample(n, k, LatentDistribution.Uniform, random).to(ScalarType.Float64);
        double se = 1 / Math.Sqrt(n * k);
        Assert.AreEqual(0.0, g.mean().ToDouble(), 5 * se);
        Assert.AreEqual(1.0, g.var().ToDouble(), 5 * se * Math.Sqrt(2));
        Assert.AreEqual(0.0, u.mean().ToDouble(), 5 * se / Math.Sqrt(3));
        Assert.AreEqual(1.0 / 3, u.var().ToDouble(), 5 * se * Math.Sqrt(4.0 / 45));
        Assert.IsTrue(u.min().ToDouble() >= -1 && u.max().ToDouble() < 1);
        // The stream advances: two draws from one generator differ.
        Assert.IsFalse(LatentSampler.Sample(3, 2, LatentDistribution.Gaussian, random).eq(LatentSampler.Sample(3, 2, LatentDistribution.Gaussian, random)).all().item<bool>());
    }

    [TestMethod]
    public void BadArgumentsAreNamed()
    {
        using var random = new torch.Generator(1);
        Assert.AreEqual("count", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LatentSampler.Sample(0L, 2, LatentDistribution.Gaussian, random)).ParamName);
        Assert.AreEqual("dimension", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LatentSampler.Sample(2L, 0, LatentDistribution.Gaussian, random)).ParamName);
        Assert.AreEqual("distribution", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LatentSampler.Sample(2L, 2, (LatentDistribution)7, random)).ParamName);
        Assert.AreEqual("distribution", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LatentSampler.Sample(2, 2, 1, (LatentDistribution)7)).ParamName);
        Assert.AreEqual("count", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LatentSampler.Sample(2, 0, 1, LatentDistribution.Uniform)).ParamName);
    }
}
