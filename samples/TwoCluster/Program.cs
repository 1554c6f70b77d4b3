// Sun et al. 2020 ("Towards a better global loss landscape of GANs"), §5: two-cluster data, non-saturating JS-GAN vs
// RS-GAN with the authors' released setup (SGD + momentum, 10:10 steps, fixed latents) and MlGan's losses. Reports the D-loss plateau while collapsed, iterations to escape collapse (median over
// seeds) and the effect of width; writes CSV + PNG under --out.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlGan.Cli;
using MlGan.Samples.TwoCluster;
using MlGan.Trainers.Losses;

return CliErrors.Invoke(TwoClusterArgs.Command(Run), "TwoCluster", args);

int Run(TwoClusterArgs a)
{
    TorchSharp.torch.set_num_threads(a.Threads);
    var ci = CultureInfo.InvariantCulture;
    var clock = Stopwatch.StartNew();
    Directory.CreateDirectory(a.Out);
    string[] losses = ["js-ns", "rs"];
    var collapse = losses.ToDictionary(l => l, l => GanLosses.ByName(l).CollapseValue!.Value);
    Console.WriteLine(string.Create(ci, $"mode={(a.Quick ? "quick" : "full")} D widths={string.Join(",", a.Widths)} (G width = ⌈D/2⌉) main={a.MainWidth} seeds={a.Seeds} iterations≤{a.Steps} " +
        $"SGD lr={a.LearningRate} momentum={a.Momentum} D:G steps per iteration={a.DiscriminatorSteps}:{a.GeneratorSteps} threads={a.Threads}"));
    Console.WriteLine(string.Create(ci, $"collapsed := ≥ {TwoClusterRun.CollapseShare:P0} of the 100 fakes within {TwoClusterRun.Radius} of one cluster's middle; " +
                      $"escaped := ≥ {TwoClusterRun.CoverShare:P0} within {TwoClusterRun.Radius} of each, held for {a.Hold} iterations (checked every {a.EvalEvery}); escape iteration = the first of that stretch"));

    var results = new List<TwoClusterResult>();
    var settings = new TwoClusterSettings(a.Steps, a.DiscriminatorSteps, a.GeneratorSteps, a.LearningRate, a.Momentum, a.EvalEvery, a.Hold, a.MinorShare, a.MinorCluster);
    if (a.MinorShare != 0.5)
        Console.WriteLine(string.Create(ci, $"imbalanced data: {a.MinorShare:P0} of the reals in the cluster at {TwoClusterRun.Centres[a.MinorCluster]}, the rest at {TwoClusterRun.Centres[1 - a.MinorCluster]}"));
    var seedList = Enumerable.Range(1, a.Seeds).ToArray();
    foreach (int width in a.Widths)
        foreach (var loss in losses)
        {
            var batch = TwoClusterRun.Run(loss, width, seedList, settings, traceSeed: width == a.MainWidth ? 1 : 0);
            results.AddRange(batch);
            foreach (var r in batch)
                Console.WriteLine(string.Create(ci, $"  {loss,-5} width={width,3}/{TwoClusterRun.GeneratorWidth(width),-3} seed={r.Seed,2} escape={(r.EscapeStep?.ToString(ci) ?? $">{a.Steps}"),6} " +
                    $"collapsed-from={r.FirstCollapsedStep?.ToString(ci) ?? "never",5} plateau={r.PlateauDLoss?.ToString("F3", ci) ?? "n/a"} median-collapsed={r.MedianCollapsedDLoss?.ToString("F3", ci) ?? "n/a"} basin-flag={r.BasinFlaggedAt?.ToString(ci) ?? "no"}"));
            Console.WriteLine(string.Create(ci, $"  ({loss} width {width}: {a.Seeds} seeds trained together in {batch.Sum(r => r.Seconds):F1} s)"));
        }

    var csv = new StringBuilder("loss,d_width,g_width,seed,escape_iteration,first_collapsed_iteration,plateau_d_loss,median_collapsed_d_loss,basin_flagged_at,iterations_run,seconds,minor_share_data,last_share_c0,last_share_c4\n");
    foreach (var r in results)
        csv.Append(ci, $"{r.Loss},{r.Width},{TwoClusterRun.GeneratorWidth(r.Width)},{r.Seed},{r.EscapeStep},{r.FirstCollapsedStep},{r.PlateauDLoss:R},{r.MedianCollapsedDLoss:R},{r.BasinFlaggedAt},{r.StepsRun},{r.Seconds:F2},{a.MinorShare:R},{r.LastShares[0]:R},{r.LastShares[1]:R}\n");
    File.WriteAllText(Path.Combine(a.Out, "runs.csv"), csv.ToString());
    var trace = new StringBuilder("loss,iteration,d_loss\n");
    foreach (var r in results.Where(r => r.Positions.Count > 0))
        for (int i = 0; i < r.DLoss.Count; i++) trace.Append(ci, $"{r.Loss},{i},{r.DLoss[i]:R}\n");
    File.WriteAllText(Path.Combine(a.Out, "d_loss_seed1.csv"), trace.ToString());
    var fakesCsv = new StringBuilder("loss,iteration,fakes\n");
    foreach (var r in results.Where(r => r.Positions.Count > 0))
        foreach (var (step, f) in r.Positions) fakesCsv.Append(ci, $"{r.Loss},{step},{string.Join(' ', f.Select(v => v.ToString("G5", ci)))}\n");
    File.WriteAllText(Path.Combine(a.Out, "fakes_seed1.csv"), fakesCsv.ToString());
    foreach (var r in results.Where(r => r.Positions.Count > 0))
    {
        Plots.DLoss(r, collapse[r.Loss], Path.Combine(a.Out, $"d_loss_{r.Loss}.png"));
        Plots.Positions(r, Path.Combine(a.Out, $"fakes_{r.Loss}.png"));
    }
    Plots.EscapeByWidth(results, losses, a.Steps, Path.Combine(a.Out, "escape_by_width.png"));

    // Tables. Runs that never escape count as +∞ in medians (shown as ">iterations").
    string Esc(double v) => double.IsPositiveInfinity(v) ? $">{a.Steps}" : v.ToString("F0", ci);
    double EscapeOf(TwoClusterResult r) => r.EscapeStep ?? double.PositiveInfinity;
    string Spread(double[] v) => $"{Esc(Stats.Median(v))} [IQR {Esc(Stats.Quantile(v, 0.25))}–{Esc(Stats.Quantile(v, 0.75))}; min {Esc(v.Min())}, max {Esc(v.Max())}] ({v.Count(double.IsFinite)}/{v.Length} escaped)";
    var main = results.Where(r => r.Width == a.MainWidth).ToArray();
    double medJs = Stats.Median(main.Where(r => r.Loss == "js-ns").Select(EscapeOf));
    double medRs = Stats.Median(main.Where(r => r.Loss == "rs").Select(EscapeOf));
    string Plateau(string loss, Func<TwoClusterResult, double?> pick)
    {
        var v = main.Where(r => r.Loss == loss && pick(r) is not null).Select(r => pick(r)!.Value).ToArray();
        return v.Length == 0 ? "n/a (never collapsed after iteration 100)" : string.Create(ci, $"{Stats.Median(v):F3} [IQR {Stats.Quantile(v, 0.25):F3}–{Stats.Quantile(v, 0.75):F3}; min {v.Min():F3}, max {v.Max():F3}] ({v.Length}/{a.Seeds} runs collapsed)");
    }
    string Ratio(double js, double rs) =>
        double.IsFinite(js) && double.IsFinite(rs) && rs > 0 ? (js / rs).ToString("F2", ci)
        : double.IsFinite(rs) && rs > 0 ? $"> {(a.Steps / rs).ToString("F2", ci)} (JS median censored)" : "n/a";
    Console.WriteLine();
    Console.WriteLine($"Two-cluster (Sun et al. §5), D width {a.MainWidth} / G width {TwoClusterRun.GeneratorWidth(a.MainWidth)}, {a.Seeds} seeds, ≤ {a.Steps} iterations: median [IQR; min, max]");
    Console.WriteLine("| quantity | paper | ours |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine(string.Create(ci, $"| JS min D-loss while collapsed (s1a value {collapse["js-ns"]:F4}) | ≈ 0.48 | {Plateau("js-ns", r => r.PlateauDLoss)} |"));
    Console.WriteLine(string.Create(ci, $"| RS min D-loss while collapsed (s1a value {collapse["rs"]:F4}) | ≈ 0.35 | {Plateau("rs", r => r.PlateauDLoss)} |"));
    Console.WriteLine($"| JS median D-loss while collapsed | — | {Plateau("js-ns", r => r.MedianCollapsedDLoss)} |");
    Console.WriteLine($"| RS median D-loss while collapsed | — | {Plateau("rs", r => r.MedianCollapsedDLoss)} |");
    Console.WriteLine($"| JS iterations to escape | ≈ 3× RS (Fig. 6a: stuck until ≈ 2800) | {Spread(main.Where(r => r.Loss == "js-ns").Select(EscapeOf).ToArray())} |");
    Console.WriteLine($"| RS iterations to escape | ≈ 800 | {Spread(main.Where(r => r.Loss == "rs").Select(EscapeOf).ToArray())} |");
    Console.WriteLine($"| JS / RS escape (ratio of medians) | ≈ 3 (3–4×) | {Ratio(medJs, medRs)} |");
    Console.WriteLine(string.Create(ci, $"| collapse-basin detector flagged (JS / RS runs) | — | {main.Count(r => r.Loss == "js-ns" && r.BasinFlaggedAt is not null)}/{a.Seeds} / {main.Count(r => r.Loss == "rs" && r.BasinFlaggedAt is not null)}/{a.Seeds} |"));
    Console.WriteLine();
    Console.WriteLine("Effect of width: iterations to escape, median [IQR; min, max] (paper: wider ⇒ faster, mainly because JS escapes faster)");
    Console.WriteLine("| D width / G width | JS | RS | JS / RS |");
    Console.WriteLine("|---|---|---|---|");
    foreach (int w in a.Widths)
    {
        double[] Of(string loss) => results.Where(r => r.Width == w && r.Loss == loss).Select(EscapeOf).ToArray();
        Console.WriteLine($"| {w} / {TwoClusterRun.GeneratorWidth(w)} | {Spread(Of("js-ns"))} | {Spread(Of("rs"))} | {Ratio(Stats.Median(Of("js-ns")), Stats.Median(Of("rs")))} |");
    }
    if (a.MinorShare != 0.5) MinorModeTable(main, a);
    if (a.OptimalCriticSteps > 0) OptimalCriticTable(main, a, settings, collapse);
    Console.WriteLine($"Wrote {a.Out}/runs.csv, d_loss_seed1.csv, fakes_seed1.csv, d_loss_js-ns.png, d_loss_rs.png, fakes_js-ns.png, fakes_rs.png, escape_by_width.png");
    Console.WriteLine(string.Create(ci, $"machine time: {clock.Elapsed.TotalSeconds:F0} s wall ({a.Threads} torch thread(s))"));
    return 0;
}

// §6 (C): does the generator keep the minor cluster? Shares at the last evaluation; "dropped" = under 2 % of the fakes there.
static void MinorModeTable(TwoClusterResult[] main, TwoClusterArgs a)
{
    var ci = CultureInfo.InvariantCulture;
    Console.WriteLine();
    Console.WriteLine(string.Create(ci, $"Imbalanced data ({1 - a.MinorShare:P0} at {TwoClusterRun.Centres[1 - a.MinorCluster]}, {a.MinorShare:P0} at {TwoClusterRun.Centres[a.MinorCluster]}), D width {a.MainWidth}, {a.Seeds} seeds, {a.Steps} iterations: share of the 100 fakes within {TwoClusterRun.Radius} of the minor cluster at the last evaluation"));
    Console.WriteLine("| loss | median minor share [min, max] | runs dropping the minor mode (< 2 %) | runs within ±5 points of the data's share |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var loss in new[] { "js-ns", "rs" })
    {
        var v = main.Where(r => r.Loss == loss).Select(r => r.LastShares[a.MinorCluster]).ToArray();
        Console.WriteLine(string.Create(ci, $"| {loss} | {Stats.Median(v):P0} [{v.Min():P0}, {v.Max():P0}] | {v.Count(x => x < 0.02)}/{v.Length} | {v.Count(x => Math.Abs(x - a.MinorShare) <= 0.05)}/{v.Length} |"));
    }
}

// The paper's "≈ 0.35" read as the D-loss of a critic trained to optimality at the collapsed generator: a fresh critic
// trained alone against the frozen initial generator, and against each run's generator at its plateau's lowest point.
static void OptimalCriticTable(TwoClusterResult[] main, TwoClusterArgs a, TwoClusterSettings settings, Dictionary<string, double> collapse)
{
    var ci = CultureInfo.InvariantCulture;
    var seeds = Enumerable.Range(1, a.Seeds).ToArray();
    var all = new List<OptimalCriticResult>();
    var watch = Stopwatch.StartNew();
    foreach (var loss in new[] { "js-ns", "rs" })
    {
        all.AddRange(OptimalCriticAtCollapse.Measure(loss, a.MainWidth, seeds, settings, a.OptimalCriticSteps));
        var plateau = main.Where(r => r.Loss == loss && r.PlateauGenerator is not null).ToArray();
        all.AddRange(OptimalCriticAtCollapse.Measure(loss, a.MainWidth, plateau.Select(r => r.Seed).ToArray(), settings, a.OptimalCriticSteps,
            plateau.Select(r => r.PlateauGenerator!).ToArray()));
    }
    var csv = new StringBuilder("loss,generator,d_width,seed,critic_steps,d_loss,fake_share_c0\n");
    foreach (var r in all)
        foreach (var (steps, d) in r.Curve) csv.Append(ci, $"{r.Loss},{r.Generator},{r.Width},{r.Seed},{steps},{d:R},{r.FakeShares[0]:R}\n");
    File.WriteAllText(Path.Combine(a.Out, "optimal_critic.csv"), csv.ToString());
    Plots.OptimalCritic(all, collapse, Path.Combine(a.Out, "optimal_critic.png"));

    Console.WriteLine();
    Console.WriteLine(string.Create(ci, $"A fresh critic trained alone against a frozen collapsed generator (the initial one, or each run's at its plateau's lowest point), D width {a.MainWidth}, SGD lr {a.LearningRate} momentum {a.Momentum} ({watch.Elapsed.TotalSeconds:F0} s): D-loss, median [min, max] over seeds"));
    var checkpoints = all[0].Curve.Select(p => p.Steps).Where(s => s == 10 || s == 100 || s == 1000 || s == 10000 || s == a.OptimalCriticSteps).Distinct().ToArray();
    Console.WriteLine($"| loss | generator | seeds | s1a value | share of fakes on cluster 0 | {string.Join(" | ", checkpoints.Select(s => $"after {s} critic steps"))} |");
    Console.WriteLine($"|---|---|---|---|---|{string.Concat(checkpoints.Select(_ => "---|"))}");
    foreach (var group in all.GroupBy(r => (r.Loss, r.Generator)))
    {
        var mine = group.ToArray();
        string At(int steps)
        {
            var v = mine.Select(r => r.Curve.First(p => p.Steps == steps).DLoss).ToArray();
            return string.Create(ci, $"{Stats.Median(v):F3} [{v.Min():F3}, {v.Max():F3}]");
        }
        Console.WriteLine(string.Create(ci, $"| {group.Key.Loss} | {group.Key.Generator} | {mine.Length} | {collapse[group.Key.Loss]:F4} | {Stats.Median(mine.Select(r => r.FakeShares[0])):P0} | {string.Join(" | ", checkpoints.Select(At))} |"));
    }
    foreach (var loss in new[] { "js-ns", "rs" })
    {
        var collapsedSteps = main.Where(r => r.Loss == loss && r.FirstCollapsedStep is not null)
            .Select(r => 10.0 * ((r.EscapeStep ?? r.StepsRun) - r.FirstCollapsedStep!.Value)).ToArray();
        if (collapsedSteps.Length > 0)
            Console.WriteLine(string.Create(ci, $"{loss}: critic steps the training runs spend collapsed before escaping (10 per iteration): median {Stats.Median(collapsedSteps):F0} [min {collapsedSteps.Min():F0}, max {collapsedSteps.Max():F0}]"));
    }
}

/// <summary>Order statistics that treat +∞ (never escaped) as the largest value.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Quantile(values.ToArray(), 0.5);

    /// <summary>Linear-interpolation quantile; an interpolation touching +∞ gives +∞.</summary>
    public static double Quantile(double[] values, double q)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        double pos = q * (v.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        if (lo == hi) return v[lo];
        if (double.IsPositiveInfinity(v[hi])) return double.PositiveInfinity;
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
