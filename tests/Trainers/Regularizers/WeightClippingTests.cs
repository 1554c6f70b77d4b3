using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>Weight clipping as a pipeline stage: a projection after the step, no penalty.</summary>
[TestClass]
public sealed class WeightClippingTests
{
    [TestMethod]
    public void AfterStepProjectsEveryTrainedWeightOntoTheBox()
    {
        var critic = new MlpDiscriminator([3], 6, seed: 1);
        var parameters = critic.parameters().ToArray();
        using (no_grad()) foreach (var p in parameters) p.mul_(10); // well outside the box, so clipping bites
        var before = parameters.Select(Values).ToArray();
        new WeightClipping(0.05).AfterStep(critic);
        for (int i = 0; i < parameters.Length; i++)
        {
            double[] after = Values(parameters[i]);
            for (int k = 0; k < after.Length; k++)
                Assert.AreEqual(Math.Min(0.05, Math.Max(-0.05, before[i][k])), after[k], 1e-7, $"θ[{i}][{k}]");
        }
        Assert.IsTrue(before.SelectMany(v => v).Any(v => Math.Abs(v) < 0.05), "some entries must lie inside the box and stay put");
    }

    [TestMethod]
    public void FrozenWeightsAreNotClipped()
    {
        var critic = new MlpDiscriminator([3], 6, seed: 1);
        var frozen = critic.parameters().First();
        using (no_grad()) frozen.mul_(10);
        frozen.requires_grad_(false);
        var before = Values(frozen);
        new WeightClipping(0.01).AfterStep(critic);
        CollectionAssert.AreEqual(before, Values(frozen));
    }

    [TestMethod]
    public void AddsNoPenalty()
    {
        var critic = new MlpDiscriminator([2], 4, seed: 1);
        Assert.IsNull(new WeightClipping(0.01).Penalty(Batch(critic, randn(2, 2), randn(2, 2), 0)));
    }

    [TestMethod]
    public void RejectsANonPositiveBound()
    {
        foreach (double bad in new[] { 0, -0.01, double.NaN })
            Assert.AreEqual("bound", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new WeightClipping(bad)).ParamName);
        Assert.AreEqual(("clip", 0.01), (new WeightClipping().Name, new WeightClipping().Bound));
    }
}
