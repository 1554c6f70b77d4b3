using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Regularizers.PenaltyChecks;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>(λ/2)‖θ‖²: the stage, the module form and the explicit-weights form.</summary>
[TestClass]
public sealed class L2PenaltyTests
{
    private static double HalfLambdaSquaredNorm(IEnumerable<Tensor> weights, double lambda) =>
        0.5 * lambda * weights.Sum(w => Values(w).Sum(v => v * v));

    [TestMethod]
    public void MatchesTheClosedFormOverEveryTrainedWeight()
    {
        var critic = new MlpDiscriminator([3], 5, seed: 1);
        double expected = HalfLambdaSquaredNorm(critic.parameters(), 0.3);
        Assert.AreEqual(expected, L2Penalty.Compute(critic, 0.3).ToDouble(), 1e-6 * expected);
        Assert.AreEqual(expected, new L2Penalty(0.3).Penalty(Batch(critic, randn(2, 3), randn(2, 3), 0)).ToDouble(), 1e-6 * expected);
    }

    [TestMethod]
    public void FrozenWeightsAreLeftOut()
    {
        var critic = new MlpDiscriminator([3], 5, seed: 1);
        var frozen = critic.parameters().First();
        frozen.requires_grad_(false);
        double expected = HalfLambdaSquaredNorm(critic.parameters().Where(p => p.requires_grad), 2);
        Assert.AreEqual(expected, L2Penalty.Compute(critic, 2).ToDouble(), 1e-6 * expected);
    }

    [TestMethod]
    public void OfAnExplicitWeightListEqualsComputeBitForBit()
    {
        // The unrolled dynamics calls Of on its substituted weights; on the module's own weights it must agree exactly.
        var critic = new MlpDiscriminator([4], 6, seed: 2);
        float viaModule = L2Penalty.Compute(critic, 0.7).item<float>();
        float viaList = L2Penalty.Of(critic.parameters(), 0.7).item<float>();
        Assert.AreEqual(viaModule, viaList, 0f);
    }

    [TestMethod]
    public void OfTakesAnyTensorsIncludingNonLeafOnes()
    {
        var a = tensor(new double[] { 1, -2 }, requires_grad: true);
        var substituted = new[] { a * 3, tensor(new double[,] { { 0.5, 0 }, { 0, 0.5 } }) };
        Assert.AreEqual(0.5 * 4 * (9 + 36 + 0.25 + 0.25), L2Penalty.Of(substituted, 4).ToDouble(), 1e-12);
        Assert.AreEqual(0.0, L2Penalty.Of([], 4).ToDouble());
        L2Penalty.Of(substituted, 4).backward();
        CollectionAssert.AreEqual(new[] { 4 * 9 * 1.0, 4 * 9 * -2.0 }, Values(a.grad!), "∂/∂a of (λ/2)‖3a‖² = 9λa");
    }

    [TestMethod]
    public void GradientIsLambdaTimesTheWeights()
    {
        var critic = new TanhCritic([3], 4, seed: 6);
        var weights = critic.parameters().ToArray();
        var points = randn(new long[] { 2, 3 }, dtype: ScalarType.Float64);
        var grads = torch.autograd.grad([new L2Penalty(0.25).Penalty(Batch(critic, points, points, 0))], weights);
        for (int i = 0; i < weights.Length; i++)
        {
            double[] w = Values(weights[i]), g = Values(grads[i]);
            for (int k = 0; k < w.Length; k++) Assert.AreEqual(0.25 * w[k], g[k], 1e-15);
        }
    }

    [TestMethod]
    public void WeightGradientMatchesFiniteDifferences() =>
        AssertWeightGradientMatchesFiniteDifferences(new L2Penalty(1), new TanhCritic([3], 4, seed: 6),
            randn(new long[] { 2, 3 }, dtype: ScalarType.Float64), randn(new long[] { 2, 3 }, dtype: ScalarType.Float64), 0);

    [TestMethod]
    public void RejectsBadCoefficients()
    {
        Assert.AreEqual("lambda", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new L2Penalty(0)).ParamName);
        Assert.AreEqual("lambda", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => L2Penalty.Of([], -1)).ParamName);
        Assert.AreEqual("weights", Assert.ThrowsExactly<ArgumentException>(() => L2Penalty.Of([tensor(1.0), null!], 1)).ParamName);
        Assert.AreEqual(("l2", 0.5), (new L2Penalty(0.5).Name, new L2Penalty(0.5).Lambda));
    }
}
