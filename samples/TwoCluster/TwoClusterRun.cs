using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Losses;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Samples.TwoCluster;

/// <summary>
/// The knobs of one run. Defaults are the authors' released two-cluster script (github.com/AilsaF/RS-GAN,
/// GAN2_2Cluster.py), which is the setup behind Sun et al. (2020) §5 / Fig. 5–6: SGD(lr 1e-2, momentum 0.9),
/// 10 D steps then 10 G steps per iteration, 5000 iterations, one fixed set of 100 latents.
/// </summary>
/// <param name="MinorShare">Share of the 100 reals in the minor cluster (the script's 0.5; §6's imbalanced data: 0.1).</param>
/// <param name="MinorCluster">Index into <see cref="TwoClusterRun.Centres"/> of the minor cluster: 1 (at 4, away from where the generator starts) or 0.</param>
internal sealed record TwoClusterSettings(int Iterations, int DiscriminatorSteps, int GeneratorSteps, double LearningRate,
    double Momentum, int EvalEvery, int Hold, double MinorShare = 0.5, int MinorCluster = 1);

/// <summary>Phase of a run at an evaluation, from the positions of the 100 fakes.</summary>
internal enum Phase { Collapsed, Escaped, Other }

internal sealed record TwoClusterResult(string Loss, int Width, int Seed, int? EscapeStep, int? FirstCollapsedStep,
    double? PlateauDLoss, double? MedianCollapsedDLoss, int? BasinFlaggedAt, IReadOnlyList<double> DLoss,
    IReadOnlyList<(int Step, float[] Fakes)> Positions, int StepsRun, double Seconds, IReadOnlyList<double> LastShares,
    float[][]? PlateauGenerator);

/// <summary>
/// Sun et al. (2020) §5 two-cluster experiment, following the authors' script: 100 real points, alternately in
/// [0, 0.3] and [4, 4.3] (uniform); 100 latents z ~ U[−5, 5] drawn once and kept fixed (full-batch training, so
/// the real/fake pairing of RS-GAN is fixed too); "4-layer" nets = input, two hidden layers, output — D with
/// sigmoid hidden units (width w, paper default 10), G with tanh hidden units (width ⌈w/2⌉, paper default 5);
/// PyTorch default init; non-saturating JS-GAN or RS-GAN from MlGan's <see cref="GanLosses"/> (JS's D-loss is the
/// halved one, so its s1a value is 0.4774). An iteration = 10 D steps on G's current output, then 10 G steps.
/// The generator starts collapsed by itself: at init its output lies within about ±1 of 0, i.e. on cluster 0.
/// </summary>
internal static class TwoClusterRun
{
    public const int Points = 100;
    public static readonly double[] Centres = [0.0, 4.0];
    /// <summary>Width of each cluster: reals are c + U[0, Spread] (the script's "radius").</summary>
    public const double Spread = 0.3;
    /// <summary>A fake belongs to a cluster when it lies within this distance of the cluster's middle c + Spread/2.</summary>
    public const double Radius = 1.0;
    /// <summary>Escaped: each cluster holds at least this share of the fakes.</summary>
    public const double CoverShare = 0.25;
    /// <summary>Collapsed: one cluster holds at least this share of the fakes.</summary>
    public const double CollapseShare = 0.8;
    /// <summary>Width of the moving average whose minimum over the collapsed phase is the plateau.</summary>
    public const int PlateauWindow = 20;
    /// <summary>Iterations skipped before the plateau is read (the critic starts untrained).</summary>
    public const int Burn = 100;

    public static int GeneratorWidth(int width) => (width + 1) / 2;

    /// <summary>
    /// Trains one independent run per seed, all seeds at once: every weight carries a leading seed axis and the
    /// layers are batched matmuls, so one native call serves all seeds (these nets are so small that TorchSharp's
    /// per-call overhead, not arithmetic, sets the cost). Seeds never mix: each seed's data, latents, init and
    /// gradient are its own, and the loss is summed over seeds so each seed gets exactly its own gradient.
    /// </summary>
    public static TwoClusterResult[] Run(string lossName, int width, IReadOnlyList<int> seeds, TwoClusterSettings s, int traceSeed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        int n = seeds.Count;
        var (real, z, g, critic) = Start(width, seeds, s.MinorShare, s.MinorCluster);
        var loss = GanLosses.ByName(lossName);
        var dOpt = new MomentumSgd(critic.Parameters, s.LearningRate, s.Momentum);
        var gOpt = new MomentumSgd(g.Parameters, s.LearningRate, s.Momentum);
        var state = seeds.Select(seed => new SeedState(seed, new CollapseBasinDetector(loss, window: 50))).ToArray();
        string[] names = ["d_loss"];
        int iterations = 0;
        for (int it = 0; it < s.Iterations && state.Any(st => !st.Done); it++)
        {
            using var step = NewDisposeScope();
            // Reals and fakes go through the critic in one batch (no batch statistics, so this equals two forwards).
            Tensor both;
            using (no_grad()) both = cat([real, g.Forward(z)], 1);
            double[] d = [];
            for (int k = 0; k < s.DiscriminatorSteps; k++)
            {
                using var inner = NewDisposeScope();
                var logits = critic.Forward(both);                                   // [S, 200, 1]
                var realLogits = logits[.., ..Points];
                var fakeLogits = logits[.., Points..];
                // The loss averages over all S·100 samples, i.e. it is the mean of the seeds' losses: × S restores
                // each seed's own gradient.
                dOpt.Step(loss.DiscriminatorLoss(realLogits.reshape(-1), fakeLogits.reshape(-1)).mul(n));
                if (k == s.DiscriminatorSteps - 1)
                    using (no_grad())
                        d = Enumerable.Range(0, n).Select(i => loss.DiscriminatorLoss(realLogits[i], fakeLogits[i]).ToDouble()).ToArray();
            }
            // D is fixed during the G steps, so the real logits (used by RS's pairing) are computed once.
            Tensor realOut;
            using (no_grad()) realOut = critic.Forward(real).reshape(-1);
            for (int k = 0; k < s.GeneratorSteps; k++)
            {
                using var inner = NewDisposeScope();
                gOpt.Step(loss.GeneratorLoss(realOut, critic.Forward(g.Forward(z)).reshape(-1)).mul(n));
            }
            iterations = it + 1;
            float[]? fakes = null;
            if (it % s.EvalEvery == 0)
                using (no_grad()) fakes = g.Forward(z).reshape(-1).data<float>().ToArray();
            for (int i = 0; i < n; i++)
            {
                var st = state[i];
                if (st.Done) continue;
                st.DLoss.Add(d[i]);
                st.Detector.Observe(it, names, [d[i]]);
                st.Iterations = it + 1;
                if (fakes is null) continue;
                var mine = fakes.AsSpan(i * Points, Points).ToArray();
                st.LastShares = Shares(mine);
                if (st.Seed == traceSeed) st.Positions.Add((it, mine));
                st.Observe(it, Classify(mine), s, st.Seed == traceSeed);
                // The generator at the plateau's lowest point, for the optimal-critic measurement.
                if (st.NewPlateauMinimum) st.PlateauGenerator = g.Parameters.Select(p => p[i].detach().cpu().reshape(-1).data<float>().ToArray()).ToArray();
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return state.Select(st => st.Result(lossName, width, seconds / n)).ToArray();
    }

    /// <summary>
    /// Every seed's starting point, stacked on a leading seed axis: reals [S, 100, 1], the fixed latents [S, 100, 1]
    /// (U[−5, 5]), and the generator and critic at their initial weights. Shared by the training runs and the
    /// optimal-critic measurement, so both see the same data and the same collapsed initial generator.
    /// </summary>
    public static (Tensor Real, Tensor Latents, BatchedMlp Generator, BatchedMlp Critic) Start(int width, IReadOnlyList<int> seeds, double minorShare, int minorCluster)
    {
        var reals = new List<Tensor>();
        var latents = new List<Tensor>();
        var gLayers = new List<Tensor[]>();
        var dLayers = new List<Tensor[]>();
        foreach (int seed in seeds)
        {
            var random = new Generator(unchecked((ulong)seed * 7919 + 17));
            reals.Add(Real(random, minorShare, minorCluster));
            latents.Add(rand(Points, 1, generator: random).sub_(0.5).mul_(10));     // U[−5, 5], fixed
            gLayers.Add(InitialWeights(GeneratorWidth(width), seed));
            dLayers.Add(InitialWeights(width, unchecked(seed + 100_003)));
        }
        return (stack(reals), stack(latents), new BatchedMlp(gLayers, hiddenTanh: true), new BatchedMlp(dLayers, hiddenTanh: false));
    }

    /// <summary>Per-seed bookkeeping: phases, plateau, escape (held for <see cref="TwoClusterSettings.Hold"/>).</summary>
    private sealed class SeedState(int seed, CollapseBasinDetector detector)
    {
        public int Seed { get; } = seed;
        public CollapseBasinDetector Detector { get; } = detector;
        public List<double> DLoss { get; } = [];
        public List<(int, float[])> Positions { get; } = [];
        public int Iterations { get; set; }
        public bool Done { get; private set; }
        /// <summary>Whether the last <see cref="Observe"/> set a new lowest plateau value.</summary>
        public bool NewPlateauMinimum { get; private set; }
        /// <summary>The generator's weights (flattened, in <see cref="BatchedMlp.Parameters"/> order) at the plateau's lowest point.</summary>
        public float[][]? PlateauGenerator { get; set; }
        /// <summary>Shares of the fakes in each cluster at this seed's last evaluation.</summary>
        public double[] LastShares { get; set; } = [];
        private readonly List<double> _collapsedLoss = [];
        private int? _candidate, _escape, _firstCollapsed, _stopAt;

        public void Observe(int it, Phase phase, TwoClusterSettings s, bool traced)
        {
            if (_stopAt is { } stop) { Done = it >= stop; return; }
            NewPlateauMinimum = false;
            if (phase == Phase.Collapsed)
            {
                _firstCollapsed ??= it;
                if (it >= Burn)
                {
                    double m = MovingAverage(DLoss);
                    NewPlateauMinimum = _collapsedLoss.Count == 0 || m < _collapsedLoss.Min();
                    _collapsedLoss.Add(m);
                }
            }
            if (phase != Phase.Escaped) { _candidate = null; return; }
            _candidate ??= it;
            if (it - _candidate.Value < s.Hold) return;
            _escape = _candidate;
            // The traced run goes on a little to show the settled state; the others stop here.
            _stopAt = traced ? Math.Min(s.Iterations - 1, it + 500) : it;
            Done = it >= _stopAt;
        }

        public TwoClusterResult Result(string loss, int width, double seconds) => new(loss, width, Seed, _escape, _firstCollapsed,
            _collapsedLoss.Count > 0 ? _collapsedLoss.Min() : null, _collapsedLoss.Count > 0 ? Median(_collapsedLoss) : null,
            Detector.FlaggedAt, DLoss, Positions, Iterations, seconds, LastShares, PlateauGenerator);
    }

    /// <summary>
    /// One seed's initial weights [W1, b1, W2, b2, W3, b3] (W as [in, out]) for Linear(1, w) → Linear(w, w) →
    /// Linear(w, 1), drawn by <see cref="NetworkInit"/> (PyTorch's default U(±1/√fan_in)) on a TorchSharp module.
    /// </summary>
    private static Tensor[] InitialWeights(int width, int seed)
    {
        var layers = new[] { nn.Linear(1, width), nn.Linear(width, width), nn.Linear(width, 1) };
        var net = nn.Sequential(layers);
        NetworkInit.Reset(net, seed);
        return layers.SelectMany(l => new[] { l.weight!.detach().t().contiguous(), l.bias!.detach().reshape(1, -1).clone() }).ToArray();
    }

    /// <summary>
    /// 100 reals at c + U[0, Spread]: point i is in the minor cluster when ⌊(i + 1)p⌋ &gt; ⌊ip⌋ for the minor share p, which
    /// spreads those points evenly — for p = ½ and the minor cluster at 4 exactly the script's layout (cluster i mod 2); for p = 0.1, points 9, 19, …, 99.
    /// </summary>
    private static Tensor Real(Generator random, double minorShare, int minorCluster)
    {
        var offsets = rand(Points, 1, generator: random).mul_(Spread);
        var centres = tensor(Enumerable.Range(0, Points).Select(i => (float)Centres[InMinor(i, minorShare) ? minorCluster : 1 - minorCluster]).ToArray(), [Points, 1]);
        return centres + offsets;
    }

    private static bool InMinor(int i, double p) => Math.Floor((i + 1) * p) > Math.Floor(i * p);

    /// <summary>Shares of the fakes within <see cref="Radius"/> of each cluster's middle.</summary>
    public static double[] Shares(float[] fakes) =>
        Centres.Select(c => fakes.Count(x => Math.Abs(x - (c + Spread / 2)) <= Radius) / (double)fakes.Length).ToArray();

    public static Phase Classify(float[] fakes)
    {
        var shares = Shares(fakes);
        if (shares.All(v => v >= CoverShare)) return Phase.Escaped;
        if (shares.Any(v => v >= CollapseShare)) return Phase.Collapsed;
        return Phase.Other;
    }

    private static double MovingAverage(List<double> values)
    {
        int n = Math.Min(PlateauWindow, values.Count);
        return values.Skip(values.Count - n).Average();
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
