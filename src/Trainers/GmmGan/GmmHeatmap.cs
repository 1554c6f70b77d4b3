using System.Diagnostics;

namespace MlGan.Trainers.GmmGan;

/// <summary>
/// Runs the Figure 3 experiment. Each dynamics is a Parallel.For over grid points; each repeat draws its
/// discriminator from its own counter-based stream (seed, grid point, repeat), so the result does not depend on
/// thread count or scheduling, and first-order and unrolled runs start from the same discriminators.
/// The optimal dynamics never read the initial discriminator and are deterministic, so each grid point is run
/// once and that outcome stands for all its repeats (rates are 0 or 1); this is exact, not a sample.
/// </summary>
public static class GmmHeatmap
{
    /// <summary>Runs every requested dynamics over the lattice (in parallel, deterministic).</summary>
    public static GmmHeatmapResult Run(GmmHeatmapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var total = Stopwatch.StartNew();
        var layers = new List<GmmHeatmapLayer>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        int n = options.Grid;
        foreach (var kind in options.Kinds)
        {
            var layer = new GmmHeatmapLayer(kind, n);
            var watch = Stopwatch.StartNew();
            Parallel.For(0, n * n, parallel, g => RunGridPoint(options, kind, g, layer));
            layer.Seconds = watch.Elapsed.TotalSeconds;
            layers.Add(layer);
        }
        return new GmmHeatmapResult(options, layers, total.Elapsed.TotalSeconds);
    }

    private static void RunGridPoint(GmmHeatmapOptions o, GmmDynamicsKind kind, int g, GmmHeatmapLayer layer)
    {
        int i = g / o.Grid, j = g % o.Grid;
        double mu1 = o.Coordinate(i), mu2 = o.Coordinate(j);
        int runs = kind == GmmDynamicsKind.Optimal ? 1 : o.Repeats;
        int successes = 0, parameterSuccesses = 0, collapses = 0, early = 0;
        double lowTarget = Math.Min(o.TargetMu1, o.TargetMu2), highTarget = Math.Max(o.TargetMu1, o.TargetMu2);
        double tvSum = 0;
        for (int k = 0; k < runs; k++)
        {
            var s = new GmmState { Mu1 = mu1, Mu2 = mu2 };
            if (kind != GmmDynamicsKind.Optimal) DrawDiscriminator(o, g, k, ref s);
            var outcome = GmmDynamics.RunCore(kind, o.TargetMu1, o.TargetMu2, ref s, o.EffectiveStepSize, o.Steps, o.UnrollSteps, null);
            double tv = GmmTotalVariation.DistanceUnchecked(o.TargetMu1, o.TargetMu2, s.Mu1, s.Mu2);
            if (tv < o.SuccessThreshold) successes++;
            if (Math.Abs(Math.Min(s.Mu1, s.Mu2) - lowTarget) < o.SuccessThreshold && Math.Abs(Math.Max(s.Mu1, s.Mu2) - highTarget) < o.SuccessThreshold)
                parameterSuccesses++;
            if (outcome.Collapse1.HasValue || outcome.Collapse2.HasValue) collapses++;
            if (outcome.StoppedAt.HasValue) early++;
            tvSum += tv;
        }
        layer.SuccessRate[i, j] = (double)successes / runs;
        layer.ParameterSuccessRate[i, j] = (double)parameterSuccesses / runs;
        layer.CollapseRate[i, j] = (double)collapses / runs;
        layer.EarlyStopRate[i, j] = (double)early / runs;
        layer.MeanTotalVariation[i, j] = tvSum / runs;
    }

    /// <summary>Four uniforms on [DiscriminatorInitMin, DiscriminatorInitMax], sorted into ℓ1 ≤ r1 ≤ ℓ2 ≤ r2.</summary>
    internal static void DrawDiscriminator(GmmHeatmapOptions o, int gridPoint, int repeat, ref GmmState s)
    {
        var rng = SplitMix64.ForStream(o.Seed, gridPoint, repeat);
        Span<double> v = stackalloc double[4];
        for (int q = 0; q < 4; q++) v[q] = o.DiscriminatorInitMin + (o.DiscriminatorInitMax - o.DiscriminatorInitMin) * rng.NextDouble();
        v.Sort();
        s.L1 = v[0]; s.R1 = v[1]; s.L2 = v[2]; s.R2 = v[3];
    }
}
