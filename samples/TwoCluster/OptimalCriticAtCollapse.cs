using MlGan.Trainers.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Samples.TwoCluster;

/// <summary>One seed's D-loss after each checkpoint number of critic steps against the frozen, collapsed generator.</summary>
internal sealed record OptimalCriticResult(string Loss, string Generator, int Width, int Seed, double[] FakeShares, IReadOnlyList<(int Steps, double DLoss)> Curve)
{
    /// <summary>The lowest D-loss on the curve (its last point: SGD on a fixed target only descends on average).</summary>
    public double Minimum => Curve.Min(p => p.DLoss);
}

/// <summary>
/// What the paper's "≈ 0.35" would be if it were the critic trained to optimality at the collapsed generator: the
/// generator is frozen — at its initial weights (all 100 fakes on cluster 0, the state every run starts in), or at the
/// training run's own generator at the lowest point of its collapsed plateau — and a fresh critic alone takes many
/// steps of the training run's own optimiser (SGD, same lr and momentum) on the training run's loss. The curve shows
/// how low an optimised critic gets and how many critic steps that takes — to compare with the 10 critic steps per
/// iteration a run spends while collapsed before it escapes.
/// </summary>
internal static class OptimalCriticAtCollapse
{
    /// <param name="plateauGenerators">Per seed, the generator weights to freeze (flattened, BatchedMlp order); null: the initial generator.</param>
    public static OptimalCriticResult[] Measure(string lossName, int width, IReadOnlyList<int> seeds, TwoClusterSettings s, int criticSteps,
        IReadOnlyList<float[][]>? plateauGenerators = null)
    {
        using var scope = NewDisposeScope();
        int n = seeds.Count;
        if (n == 0) return [];
        var (real, z, g, critic) = TwoClusterRun.Start(width, seeds, s.MinorShare, s.MinorCluster);
        if (plateauGenerators is not null)
            using (no_grad())
                for (int j = 0; j < g.Parameters.Length; j++)
                    for (int i = 0; i < n; i++)
                        g.Parameters[j][i].copy_(tensor(plateauGenerators[i][j]).reshape(g.Parameters[j][i].shape));
        var loss = GanLosses.ByName(lossName);
        var optimiser = new MomentumSgd(critic.Parameters, s.LearningRate, s.Momentum);
        Tensor fakes, both;
        using (no_grad())
        {
            fakes = g.Forward(z);
            both = cat([real, fakes], 1);
        }
        var fakeValues = fakes.reshape(-1).data<float>().ToArray();
        var checkpoints = Checkpoints(criticSteps);
        var curves = Enumerable.Range(0, n).Select(_ => new List<(int, double)>()).ToArray();
        for (int step = 1; step <= criticSteps; step++)
        {
            using var inner = NewDisposeScope();
            var logits = critic.Forward(both);
            optimiser.Step(loss.DiscriminatorLoss(logits[.., ..TwoClusterRun.Points].reshape(-1), logits[.., TwoClusterRun.Points..].reshape(-1)).mul(n));
            if (!checkpoints.Contains(step)) continue;
            using var _ = no_grad();
            var after = critic.Forward(both);
            for (int i = 0; i < n; i++)
                curves[i].Add((step, loss.DiscriminatorLoss(after[i, ..TwoClusterRun.Points].reshape(-1), after[i, TwoClusterRun.Points..].reshape(-1)).ToDouble()));
        }
        return Enumerable.Range(0, n).Select(i => new OptimalCriticResult(lossName, plateauGenerators is null ? "initial" : "plateau", width, seeds[i],
            TwoClusterRun.Shares(fakeValues.AsSpan(i * TwoClusterRun.Points, TwoClusterRun.Points).ToArray()), curves[i])).ToArray();
    }

    /// <summary>1, 2, 5 × 10^k up to <paramref name="steps"/>, and <paramref name="steps"/> itself.</summary>
    private static HashSet<int> Checkpoints(int steps)
    {
        var set = new HashSet<int> { steps };
        for (int p = 1; p <= steps; p *= 10)
            foreach (int m in new[] { 1, 2, 5 })
                if (m * p <= steps) set.Add(m * p);
        return set;
    }
}
