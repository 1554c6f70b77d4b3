using MlGan.Trainers.Diagnostics;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Diagnostics;

[TestClass]
public sealed class SampleDiversityCheckTests
{
    [TestMethod]
    public void AFreshConditionalGeneratorVariesInEveryClass()
    {
        using var g = new ConditionalGenerator(new MlpGenerator(4 + 3, [6], width: 16, seed: 1), classCount: 5, embeddingDimension: 3, seed: 2);
        var diversity = SampleDiversityCheck.Measure(g, LatentDistribution.Gaussian, seed: 7);
        Assert.AreEqual(5, diversity.Length);
        Assert.IsTrue(diversity.All(d => d > 1e-3), string.Join(", ", diversity));
        Assert.AreEqual(0, SampleDiversityCheck.Warnings(diversity).Count);
        CollectionAssert.AreEqual(diversity, SampleDiversityCheck.Measure(g, LatentDistribution.Gaussian, seed: 7), "seeded");
    }

    [TestMethod]
    public void AGeneratorThatIgnoresTheLatentIsReportedAsCollapsed()
    {
        using var g = new MlpGenerator(4, [6], width: 16, seed: 1);
        using (no_grad())
            foreach (var p in g.parameters()) p.zero_(); // output = f(0) for every z
        var diversity = SampleDiversityCheck.Measure(g, LatentDistribution.Gaussian, seed: 7);
        Assert.AreEqual(1, diversity.Length);
        Assert.AreEqual(0.0, diversity[0], 1e-12);
        var warning = SampleDiversityCheck.Warnings(diversity).Single();
        StringAssert.Contains(warning, "same for every latent");
    }

    [TestMethod]
    public void AClassFarBelowTheMedianIsNamed()
    {
        var warning = SampleDiversityCheck.Warnings([0.30, 0.25, 0.01, 0.28, 0.002]).Single();
        StringAssert.Contains(warning, "classes 2, 4");
        Assert.AreEqual(0, SampleDiversityCheck.Warnings([0.30, 0.25, 0.05, 0.28]).Count, "0.05 is above 10 % of the median 0.28");
    }
}
