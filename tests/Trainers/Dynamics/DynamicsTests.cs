using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Dynamics;

/// <summary>
/// Dynamics on Theorem 2.1's model (Sajedi et al. 2021): G(z) = V·ReLU(Wz), D(x) = dᵀx, L = dᵀ(x̄ − ḡ) − ½‖d‖²,
/// plain SGD, so every update has a closed form to check against.
/// </summary>
[TestClass]
public sealed class DynamicsTests
{
    private const int Batch = 8, K = 2, M = 3, Seed = 11;
    private const double Mu = 0.1, Eta = 0.05;
    // A fresh tensor per call: a static one would be claimed by the first dispose scope that touched it.
    private static Tensor Real => tensor(Enumerable.Range(0, Batch * M).Select(i => (float)Math.Sin(i)).ToArray(), new long[] { Batch, M });

    private static (HiddenLayerGenerator, LinearDiscriminator, GanStepper) Make(GanDynamics dynamics, int nCritic = 1, int unroll = 3)
    {
        var g = new HiddenLayerGenerator(K, M, 16, seed: 4);
        var d = new LinearDiscriminator([M]);
        var stepper = new GanStepper(g, d, new WassersteinGanLoss(), new GanStepperSettings
        {
            Dynamics = dynamics, DiscriminatorSteps = nCritic, UnrollSteps = unroll, L2 = 1, BatchSize = Batch,
            GeneratorOptimizer = new(OptimizerKind.Sgd, Eta), DiscriminatorOptimizer = new(OptimizerKind.Sgd, Mu),
        }, () => Real, Seed);
        return (g, d, stepper);
    }

    private static Tensor[] Draws(int count)
    {
        var gen = new torch.Generator(Seed);
        return Enumerable.Range(0, count).Select(_ => randn(new long[] { Batch, K }, generator: gen)).ToArray();
    }

    private static Tensor Mean(Tensor w, Tensor v, Tensor z) => nn.functional.relu(z.matmul(w.t())).matmul(v.t()).mean([0L]);

    [TestMethod]
    public void SimultaneousGdaUpdatesBothAtTheSamePoint()
    {
        var (g, d, stepper) = Make(GanDynamics.Simultaneous);
        var w0 = g.W.detach().clone();
        stepper.Step(0, true);
        var z = Draws(1)[0];
        // d₀ = 0: ∇_W L(W₀, d₀) = 0, so W does not move; d₁ = d₀ + μ(x̄ − ḡ − d₀).
        Assert.AreEqual(0.0, (g.W - w0).abs().max().ToDouble(), 0.0);
        var expected = (Real.mean([0L]) - Mean(w0, g.V, z)) * Mu;
        Assert.AreEqual(0.0, (d.Coefficients - expected).abs().max().ToDouble(), 1e-6);
    }

    [TestMethod]
    public void AlternatingMovesTheGeneratorAgainstTheUpdatedCritic()
    {
        var (g, d, stepper) = Make(GanDynamics.Alternating);
        var w0 = g.W.detach().clone();
        stepper.Step(0, true);
        var draws = Draws(2);
        var d1 = (Real.mean([0L]) - Mean(w0, g.V, draws[0])) * Mu;
        Assert.AreEqual(0.0, (d.Coefficients - d1).abs().max().ToDouble(), 1e-6);
        // G step: W₁ = W₀ − η∇_W(−d₁ᵀḡ(W₀; z₂)).
        var w = w0.clone().requires_grad_(true);
        (-d1.dot(Mean(w, g.V, draws[1]))).backward();
        Assert.AreEqual(0.0, (g.W - (w0 - w.grad! * Eta)).abs().max().ToDouble(), 1e-6);
    }

    [TestMethod]
    public void NCriticTakesThatManyCriticStepsPerGeneratorStep()
    {
        var (g, d, stepper) = Make(GanDynamics.Alternating, nCritic: 3);
        var w0 = g.W.detach().clone();
        stepper.Step(0, true);
        var draws = Draws(4);
        var dk = zeros(M);
        for (int i = 0; i < 3; i++) dk = dk + (Real.mean([0L]) - Mean(w0, g.V, draws[i]) - dk) * Mu;
        Assert.AreEqual(0.0, (d.Coefficients - dk).abs().max().ToDouble(), 1e-6);
    }

    [TestMethod]
    public void OptimalDiscriminatorIsTheClosedFormAndStationary()
    {
        var (g, d, stepper) = Make(GanDynamics.OptimalLinearCritic);
        var w0 = g.W.detach().clone();
        stepper.Step(0, true);
        var z = Draws(1)[0];
        var etaStar = Real.mean([0L]) - Mean(w0, g.V, z);
        Assert.AreEqual(0.0, (d.Coefficients - etaStar).abs().max().ToDouble(), 1e-6);
        // ∇_d [−L] = −(x̄ − ḡ) + d = 0 at η*.
        var dd = d.Coefficients.detach().clone().requires_grad_(true);
        (-(dd.dot(Real.mean([0L]) - Mean(w0, g.V, z)) - dd.dot(dd) * 0.5)).backward();
        Assert.AreEqual(0.0, dd.grad!.abs().max().ToDouble(), 1e-6);
    }

    [TestMethod]
    public void UnrolledGradientEqualsTheClosedFormOfTheUnrolledCritic()
    {
        const int k = 3;
        var (g, d, stepper) = Make(GanDynamics.Unrolled, unroll: k);
        var w0 = g.W.detach().clone();
        stepper.Step(0, true);
        var draws = Draws(2);
        var d1 = d.Coefficients.detach().clone(); // after the real critic step
        // SGD on ½‖d‖² − dᵀ(x̄ − ḡ) contracts: d_k = (1−μ)^k d₁ + (1 − (1−μ)^k)(x̄ − ḡ(W)), ḡ on z₂ — differentiable in W.
        var w = w0.clone().requires_grad_(true);
        var gbar = Mean(w, g.V, draws[1]);
        double c = Math.Pow(1 - Mu, k);
        var dk = d1 * c + (Real.mean([0L]) - gbar) * (1 - c);
        (-dk.dot(gbar)).backward();
        var expected = w0 - w.grad! * Eta;
        Assert.AreEqual(0.0, (g.W - expected).abs().max().ToDouble(), 1e-5);
        // And it differs from the plain alternating step (which ignores the critic's response).
        var w2 = w0.clone().requires_grad_(true);
        (-d1.dot(Mean(w2, g.V, draws[1]))).backward();
        Assert.IsTrue((w.grad! - w2.grad!).abs().max().ToDouble() > 1e-4);
    }

    [TestMethod]
    public void WrongCombinationsAreRejected()
    {
        var g = new DcganGenerator(4, 2);
        var d = new DcganDiscriminator(2);
        Assert.ThrowsExactly<ArgumentException>(() => new GanStepper(g, d, new JsGanLoss(),
            new GanStepperSettings { Dynamics = GanDynamics.Unrolled }, () => zeros(1), 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GanStepper(g, d, new JsGanLoss(),
            new GanStepperSettings { DiscriminatorSteps = 0 }, () => zeros(1), 0));
        Assert.ThrowsExactly<ArgumentException>(() => new GanStepper(new MlpGenerator(2, [3], 4), d, new JsGanLoss(),
            new GanStepperSettings(), () => zeros(1), 0));
    }

    [TestMethod]
    public void DcganWganGpStepRunsAndLogsEveryQuantity()
    {
        var g = new DcganGenerator(8, 2, seed: 1);
        var d = new DcganDiscriminator(2, seed: 2);
        var gen = new torch.Generator(1);
        using var stepper = new GanStepper(g, d, new WassersteinGanLoss(),
            new GanStepperSettings { DiscriminatorSteps = 2, GradientPenalty = 10, BatchSize = 4, EmaDecay = 0.99 },
            () => rand(new long[] { 4, 1, 28, 28 }, generator: gen) * 2 - 1, 3);
        var values = stepper.Step(0, true);
        Assert.AreEqual(5, values.Length);
        Assert.IsTrue(values.All(v => v is { } x && double.IsFinite(x)));
        Assert.IsTrue(values[4] > 0, "gradient penalty is on");
    }
}
