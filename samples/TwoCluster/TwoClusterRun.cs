using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using static TorchSharp.torch;

namespace MlGan.Samples.TwoCluster;

internal sealed record TwoClusterSettings(int Steps, int EvalEvery, double LearningRate, double Std, int ExtraAfterEscape, bool KeepTrace);

/// <summary>Phase of a run at an evaluation, from the positions of 1000 fakes on a fixed latent grid.</summary>
internal enum Phase { Collapsed, Escaped, Other }

internal sealed record TwoClusterResult(string Loss, int Width, int Seed, int? EscapeStep, int? FirstCollapsedStep, double? PlateauDLoss,
    int? BasinFlaggedAt, IReadOnlyList<double> DLoss, IReadOnlyList<(int Step, float[] Fakes)> Positions, int StepsRun, double Seconds);

/// <summary>
/// Sun et al. (2020) §5 on MlGan's engine: 100 points from two clusters (centres 0 and 4), z ~ U[−1, 1] (1-D),
/// 4-layer MLP generator and critic (3 hidden layers of the given width), non-saturating JS-GAN or RS-GAN,
/// Adam(lr, 0.5, 0.999), one D step per G step (alternating), all 100 real points every step, 100 fresh fakes.
/// </summary>
internal static class TwoClusterRun
{
    public static readonly double[] Centres = [0.0, 4.0];
    /// <summary>A centre is covered when at least this share of the fakes lies within <see cref="Radius"/> of it.</summary>
    public const double CoverShare = 0.2;
    /// <summary>Collapsed: at least this share of the fakes lies within <see cref="Radius"/> of one centre.</summary>
    public const double CollapseShare = 0.8;
    public const double Radius = 1.0;

    public static TwoClusterResult Run(string lossName, int width, int seed, TwoClusterSettings s)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var data = GaussianMixture.Clusters1D(Centres, s.Std).Sample(100, new SeededRandom(seed));
        var real = tensor(data.SelectMany(r => r).ToArray(), [100, 1]);
        var generator = new MlpGenerator(1, [1], width, hiddenLayers: 3, seed: seed);
        var critic = new MlpDiscriminator([1], width, hiddenLayers: 3, seed: unchecked(seed + 1));
        var loss = GanLosses.ByName(lossName);
        var adam = new OptimizerSettings(OptimizerKind.Adam, s.LearningRate, 0.5, 0.999);
        var settings = new GanStepperSettings
        {
            Dynamics = GanDynamics.Alternating, DiscriminatorSteps = 1, GeneratorOptimizer = adam, DiscriminatorOptimizer = adam,
            BatchSize = 100, LatentDistribution = LatentDistribution.Uniform,
        };
        var grid = linspace(-1, 1, 1000).reshape(1000, 1);           // fixed evaluation latents
        var detector = new CollapseBasinDetector(loss, window: 50);
        var dLoss = new List<double>();
        var positions = new List<(int, float[])>();
        int? escape = null, firstCollapsed = null;
        var collapsedLosses = new List<(int Step, double Loss)>();
        int stepsRun = 0;
        using (var stepper = new GanStepper(generator, critic, loss, settings, () => real.alias(), unchecked(seed + 3)))
        {
            for (int step = 0; step < s.Steps; step++)
            {
                var values = stepper.Step(step, log: true);
                dLoss.Add(values[0]!.Value);
                detector.Observe(step, GanStepper.QuantityNames, values);
                stepsRun = step + 1;
                if (step % s.EvalEvery != 0) continue;
                var fakes = Generate(generator, grid);
                if (s.KeepTrace && step % (5 * s.EvalEvery) == 0) positions.Add((step, fakes.Where((_, i) => i % 10 == 0).ToArray()));
                var phase = Classify(fakes);
                if (phase == Phase.Collapsed && escape is null)
                {
                    firstCollapsed ??= step;
                    collapsedLosses.Add((step, Smoothed(dLoss)));
                }
                if (phase == Phase.Escaped && escape is null) escape = step;
                if (escape is { } e && !s.KeepTrace && step >= e + s.ExtraAfterEscape) break;
            }
        }
        // The plateau: the lowest 50-step-average D-loss seen while the fakes were collapsed (skipping the first
        // 100 steps, before the critic has learned anything).
        var late = collapsedLosses.Where(c => c.Step >= 100).Select(c => c.Loss).ToArray();
        double? plateau = late.Length > 0 ? late.Min() : null;
        return new TwoClusterResult(lossName, width, seed, escape, firstCollapsed, plateau, detector.FlaggedAt, dLoss, positions, stepsRun, clock.Elapsed.TotalSeconds);
    }

    public static Phase Classify(float[] fakes)
    {
        var shares = Centres.Select(c => fakes.Count(x => Math.Abs(x - c) <= Radius) / (double)fakes.Length).ToArray();
        if (shares.All(v => v >= CoverShare)) return Phase.Escaped;
        if (shares.Any(v => v >= CollapseShare)) return Phase.Collapsed;
        return Phase.Other;
    }

    private static double Smoothed(List<double> values)
    {
        int n = Math.Min(50, values.Count);
        return values.Skip(values.Count - n).Average();
    }

    private static float[] Generate(MlpGenerator g, Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        g.eval();
        var x = g.forward(z).reshape(-1).data<float>().ToArray();
        g.train();
        return x;
    }
}
