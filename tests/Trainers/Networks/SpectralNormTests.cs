using MlGan.Trainers.Discriminators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Networks;

[TestClass]
public sealed class SpectralNormTests
{
    private static double LargestSingularValue(Tensor w) =>
        linalg.svdvals(w.detach().reshape(w.shape[0], -1).to_type(ScalarType.Float64))[0].ToDouble();

    [TestMethod]
    public void NormalisedLinearWeightHasUnitSpectralNorm()
    {
        using var scope = NewDisposeScope();
        var layer = nn.Linear(20, 12);
        MlGan.Transforms.Generators.NetworkInit.Reset(layer, 11); // seeded: independent of the global RNG other tests use
        using (no_grad()) layer.weight!.mul_(7.0);
        var sn = new SpectralNorm(layer, seed: 1);
        sn.train();
        var gen = new torch.Generator(1);
        for (int i = 0; i < 100; i++) sn.forward(randn(new long[] { 2, 20 }, generator: gen)); // power iterations converge across forwards
        double sigmaTrue = LargestSingularValue(layer.weight!);
        Assert.AreEqual(sigmaTrue, sn.Sigma(), 1e-3 * sigmaTrue, "power-iteration estimate vs svdvals");
        Assert.AreEqual(1.0, LargestSingularValue(sn.NormalizedWeight()), 1e-3);
    }

    [TestMethod]
    public void NormalisedConvWeightHasUnitSpectralNormAndMatchesConvWithScaledWeights()
    {
        using var scope = NewDisposeScope();
        var conv = nn.Conv2d(3, 5, 3, stride: 2, padding: 1);
        MlGan.Transforms.Generators.NetworkInit.Reset(conv, 12);
        var sn = new SpectralNorm(conv, powerIterations: 200, seed: 2);
        sn.train();
        var x = randn(new long[] { 2, 3, 8, 8 }, generator: new torch.Generator(4));
        var y = sn.forward(x);
        double sigma = LargestSingularValue(conv.weight!);
        Assert.AreEqual(1.0, LargestSingularValue(sn.NormalizedWeight()), 1e-3);
        var expected = nn.functional.conv2d(x, conv.weight! / sigma, conv.bias, strides: [2, 2], padding: [1, 1]);
        Assert.AreEqual(0.0, (y - expected).abs().max().ToDouble(), 1e-4);
    }

    [TestMethod]
    public void GradientFlowsToTheUnnormalisedWeight()
    {
        var layer = nn.Linear(4, 3);
        var sn = new SpectralNorm(layer, seed: 3);
        sn.forward(randn(5, 4)).square().sum().backward();
        Assert.IsNotNull(layer.weight!.grad);
        Assert.IsTrue(layer.weight!.grad!.abs().sum().ToDouble() > 0);
    }
}
