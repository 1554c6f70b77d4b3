using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Dynamics;

[TestClass]
public sealed class RegularizerTests
{
    [TestMethod]
    public void GradientPenaltyOfALinearCriticIsLambdaTimesNormMinusOneSquared()
    {
        var d = new LinearDiscriminator([3]);
        using (no_grad()) d.Coefficients.copy_(tensor(new float[] { 3, 0, 4 })); // ‖d‖ = 5 everywhere
        var gp = GradientPenalty.Compute(d, randn(6, 3), randn(6, 3), 10.0, new torch.Generator(1));
        Assert.AreEqual(10.0 * 16.0, gp.ToDouble(), 1e-4);
    }

    [TestMethod]
    public void GradientPenaltyOfAnMlpCriticMatchesFiniteDifferences()
    {
        var critic = new MlpDiscriminator([2], 8, seed: 3);
        critic.to(ScalarType.Float64);
        var gen = new torch.Generator(5);
        var real = randn(new long[] { 4, 2 }, dtype: ScalarType.Float64, generator: gen);
        var fake = randn(new long[] { 4, 2 }, dtype: ScalarType.Float64, generator: gen);
        var eps = rand(new long[] { 4, 1 }, dtype: ScalarType.Float64, generator: gen);
        double lambda = 2.5;
        double gp = GradientPenalty.Compute(critic, real, fake, lambda, eps).ToDouble();

        // Hand computation: central differences of f at each interpolate, then λ·mean(‖∇f‖ − 1)².
        var mixed = eps * real + (1 - eps) * fake;
        double sum = 0, h = 1e-6;
        using (no_grad())
            for (int i = 0; i < 4; i++)
            {
                double sq = 0;
                for (int j = 0; j < 2; j++)
                {
                    var plus = mixed[i].clone().reshape(1, 2);
                    var minus = plus.clone();
                    plus[0, j] += h;
                    minus[0, j] -= h;
                    double g = (critic.forward(plus).ToDouble() - critic.forward(minus).ToDouble()) / (2 * h);
                    sq += g * g;
                }
                sum += Math.Pow(Math.Sqrt(sq) - 1, 2);
            }
        Assert.AreEqual(lambda * sum / 4, gp, 1e-7);
    }

    [TestMethod]
    public void GradientPenaltyTrainsTheCritic()
    {
        var critic = new MlpDiscriminator([2], 8, seed: 1);
        GradientPenalty.Compute(critic, randn(5, 2), randn(5, 2), 10, new torch.Generator(2)).backward();
        // With piecewise-linear activations ∇ₓf = W₁ᵀ diag(σ′) W₂ᵀ … does not depend on the biases (σ″ = 0 a.e.),
        // but every weight matrix must receive a gradient through create_graph.
        var weights = critic.parameters().Where(p => p.dim() == 2).ToArray();
        Assert.AreEqual(3, weights.Length);
        Assert.IsTrue(weights.All(p => p.grad is not null && p.grad.abs().sum().ToDouble() > 0), "create_graph lets the penalty reach the weights");
    }

    [TestMethod]
    public void WeightClippingClampsEveryTrainedWeight()
    {
        var critic = new MlpDiscriminator([2], 16, seed: 1);
        WeightClipping.Apply(critic, 0.01);
        foreach (var p in critic.parameters()) Assert.IsTrue(p.abs().max().ToDouble() <= 0.01 + 1e-9);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WeightClipping.Apply(critic, 0));
    }

    [TestMethod]
    public void EmaFollowsTheRecursion()
    {
        var g = new MlpGenerator(2, [2], 4, seed: 1);
        var w = g.named_parameters().First().parameter;
        string name = g.named_parameters().First().name;
        var expected = w.detach().clone();
        using var ema = new GeneratorEma(g, 0.9);
        for (int t = 0; t < 3; t++)
        {
            using (no_grad()) w.add_(1.0);
            ema.Update();
            expected = expected * 0.9 + w.detach() * 0.1;
        }
        Assert.AreEqual(0.0, (ema[name] - expected).abs().max().ToDouble(), 1e-5);
        var copy = new MlpGenerator(2, [2], 4, seed: 2);
        ema.CopyTo(copy);
        Assert.AreEqual(0.0, (copy.named_parameters().First().parameter - expected).abs().max().ToDouble(), 1e-6);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GeneratorEma(g, 1.0));
    }

    [TestMethod]
    public void L2PenaltyIsHalfLambdaSquaredNorm()
    {
        var d = new LinearDiscriminator([2]);
        using (no_grad()) d.Coefficients.copy_(tensor(new float[] { 1, 2 }));
        Assert.AreEqual(0.5 * 3 * 5, L2Penalty.Compute(d, 3).ToDouble(), 1e-6);
    }
}
