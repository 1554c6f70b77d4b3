using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>Shared harness: a critic batch with a seeded stream, and the weight-gradient check against central differences.</summary>
internal static class PenaltyChecks
{
    /// <summary>A float64 Gaussian [rows, cols] from its own seeded stream.</summary>
    public static Tensor Gaussian(long rows, long cols, ulong seed) =>
        randn(new[] { rows, cols }, dtype: ScalarType.Float64, generator: new torch.Generator(seed));

    /// <summary>The float64 linear critic f(x) = wᵀx (∇ₓf = w everywhere: the closed forms' critic).</summary>
    public static LinearDiscriminator Linear(params double[] w)
    {
        var critic = new LinearDiscriminator([w.Length]);
        critic.to(ScalarType.Float64);
        using (no_grad()) critic.Coefficients.copy_(tensor(w));
        return critic;
    }

    /// <summary>The batch the critic step would hand over: logits from <paramref name="critic"/>, a fresh stream seeded <paramref name="seed"/>.</summary>
    public static CriticBatch Batch(DiscriminatorModule critic, Tensor real, Tensor fake, ulong seed, torch.Generator? random = null) => new()
    {
        Critic = critic,
        Real = real,
        Fake = fake,
        RealLogits = critic.forward(real),
        FakeLogits = critic.forward(fake),
        Random = random ?? new torch.Generator(seed),
    };

    public static double Value(CriticRegularizer stage, DiscriminatorModule critic, Tensor real, Tensor fake, ulong seed)
    {
        using var scope = NewDisposeScope();
        return stage.Penalty(Batch(critic, real, fake, seed))!.ToDouble();
    }

    /// <summary>
    /// float64 throughout: autograd's ∂P/∂θ (through create_graph where the penalty holds an input gradient) against
    /// [P(θ + h eₖ) − P(θ − h eₖ)] / 2h for every weight entry, each evaluation with the same seeded draws.
    /// </summary>
    public static void AssertWeightGradientMatchesFiniteDifferences(CriticRegularizer stage, DiscriminatorModule critic, Tensor real, Tensor fake, ulong seed)
    {
        const double h = 1e-6;
        var weights = critic.parameters().ToArray();
        Tensor?[] grads;
        using (var scope = NewDisposeScope())
        {
            var penalty = stage.Penalty(Batch(critic, real, fake, seed))!;
            Assert.IsTrue(penalty.ToDouble() > 1e-3, $"{stage.Name}: pick a point where the penalty is active (got {penalty.ToDouble()}).");
            grads = torch.autograd.grad(new[] { penalty }, weights, allow_unused: true).Select(g => g?.detach().clone().DetachFromDisposeScope()).ToArray();
        }
        for (int i = 0; i < weights.Length; i++)
        {
            var flat = weights[i].detach().view(-1);
            double[] autograd = grads[i] is { IsInvalid: false } g ? g.reshape(-1).data<double>().ToArray() : new double[flat.shape[0]];
            for (long k = 0; k < flat.shape[0]; k++)
            {
                using (no_grad()) flat[k].add_(h);
                double plus = Value(stage, critic, real, fake, seed);
                using (no_grad()) flat[k].sub_(2 * h);
                double minus = Value(stage, critic, real, fake, seed);
                using (no_grad()) flat[k].add_(h);
                double central = (plus - minus) / (2 * h);
                Assert.AreEqual(central, autograd[k], 1e-6 * Math.Max(1, Math.Abs(central)), $"{stage.Name}: ∂P/∂θ[{i}][{k}]");
            }
        }
    }

    /// <summary>Row-major values of a tensor, as doubles.</summary>
    public static double[] Values(Tensor t) => t.detach().to(ScalarType.Float64).reshape(-1).data<double>().ToArray();

    /// <summary>Row i of a [B, n] value array.</summary>
    public static double[] Row(double[] values, int i, int n) => values.Skip(i * n).Take(n).ToArray();
}
