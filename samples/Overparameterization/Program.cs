// Sajedi et al. 2021, "Understanding overparameterization in GANs": §2.3 Fig. 2 (Theorems 2.1/2.2) and appendix
// Fig. 9 (two moons) on MlGan's engine — V·ReLU(Wz) generator (V frozen) against a linear ℓ2 critic, swept over the
// hidden width k — and §3 Fig. 3: an MLP WGAN-GP on Fashion-MNIST swept over k, scored by FID (train / test real sets,
// MlGan's shipped feature net) and the neural-net divergence. Prints "paper | ours" tables, writes CSV + PNG under --out.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using MlGan.Cli;
using MlGan.Samples.Overparameterization;
using MlGan.Transforms.Data;

return CliErrors.Invoke(OverparameterizationArgs.Command(Run), "Overparameterization", args);

int Run(OverparameterizationArgs a)
{
    TorchSharp.torch.set_num_threads(a.Threads);
    var ci = CultureInfo.InvariantCulture;
    var clock = Stopwatch.StartNew();
    Directory.CreateDirectory(a.Out);
    Console.WriteLine($"mode={(a.Quick ? "quick" : "full")} parts={string.Join(",", OverparameterizationArgs.PartNames.Where(a.Parts.Contains))} seed={a.Seed} threads={a.Threads}");
    if (a.Parts.Contains("fig2") || a.Parts.Contains("fig9")) RunMeanMatching();
    if (a.Parts.Contains("fig3")) RunFig3();
    Console.WriteLine(string.Create(ci, $"machine time: {clock.Elapsed.TotalSeconds:F0} s wall ({a.Threads} torch thread(s))"));
    return 0;

    void RunMeanMatching()
    {
        Console.WriteLine($"Fig. 2/9: seeds={a.Seeds} steps={a.Steps} batch={a.Batch} η_G={a.GeneratorRate} μ_D={a.CriticRate}");
        var fig2 = new List<MeanMatchingResult>();
        var fig9 = new List<MeanMatchingResult>();
        if (a.Parts.Contains("fig2"))
        {
            // Fig. 2: x_i ~ N(μ, I_m), μ ~ N(0, I_m) drawn once (data seed 2021); n = 1000.
            var rng = new SeededRandom(2021);
            var mu = Enumerable.Range(0, a.M).Select(_ => rng.Normal()).ToArray();
            var gaussian = Enumerable.Range(0, 1000).Select(_ => mu.Select(x => (float)(x + rng.Normal())).ToArray()).ToArray();
            Console.WriteLine(string.Create(ci, $"self-check: |Monte-Carlo mean − closed-form mean| (k=256, 200k z) = {MeanMatchingRun.MonteCarloGap(a.Latent, a.M, 256, 1, 200_000):E2}"));
            fig2 = Sweep("fig2", gaussian, a.Widths, [CriticUpdate.Gda, CriticUpdate.OptimalD], a.Latent);
        }
        if (a.Parts.Contains("fig9"))
        {
            // Fig. 9: two moons (noise 0.1), m = 2, latent 2.
            var moons = TwoMoons.Sample(1000, 0.1, new SeededRandom(2022));
            fig9 = Sweep("fig9", moons, a.MoonWidths, [CriticUpdate.OptimalD, CriticUpdate.Gda, CriticUpdate.DIter], 2);
        }

        var csv = new StringBuilder("figure,update,k,seed,final_mse,initial_mse,nnls_floor,seconds\n");
        var curves = new StringBuilder("figure,update,k,seed,step,mse\n");
        foreach (var (fig, results) in new[] { ("fig2", fig2), ("fig9", fig9) })
            foreach (var r in results)
            {
                csv.Append(ci, $"{fig},{r.Update},{r.Width},{r.Seed},{r.FinalMse:R},{r.InitialMse:R},{r.NnlsFloor:R},{r.Seconds:F2}\n");
                foreach (var (step, mse) in r.Curve) curves.Append(ci, $"{fig},{r.Update},{r.Width},{r.Seed},{step},{mse:R}\n");
            }
        File.WriteAllText(Path.Combine(a.Out, "final_mse.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(a.Out, "curves.csv"), curves.ToString());
        var written = new List<string> { "final_mse.csv", "curves.csv" };
        if (fig2.Count > 0)
        {
            Plots.FinalMse(fig2, "Fig. 2: N(μ, I), m = " + a.M, Path.Combine(a.Out, "fig2_final_mse.png"));
            Plots.Curves(fig2, CriticUpdate.Gda, "Fig. 2 GDA: MSE over iterations", Path.Combine(a.Out, "fig2_gda_curves.png"));
            written.AddRange(["fig2_final_mse.png", "fig2_gda_curves.png"]);
            Table("Fig. 2 (Gaussian data, m = " + a.M + ", latent d = " + a.Latent + ")", fig2, [CriticUpdate.Gda, CriticUpdate.OptimalD]);
        }
        if (fig9.Count > 0)
        {
            Plots.FinalMse(fig9, "Fig. 9: two moons", Path.Combine(a.Out, "fig9_final_mse.png"));
            written.Add("fig9_final_mse.png");
            Table("Fig. 9 (two moons, m = 2, latent d = 2, d_iter = " + a.DIter + ")", fig9, [CriticUpdate.OptimalD, CriticUpdate.Gda, CriticUpdate.DIter]);
        }
        Console.WriteLine($"Wrote {a.Out}/{string.Join(", ", written)}");
    }

    void RunFig3()
    {
        var settings = new MlpFidSettings(a.Fig3Steps, a.Fig3Latent, a.FidSamples, a.NndSteps, Math.Max(1, a.Fig3Steps / 100));
        Console.WriteLine($"Fig. 3: MLP WGAN-GP on Fashion-MNIST, widths={string.Join(",", a.Fig3Widths)} generator steps={a.Fig3Steps} (n_critic 5, batch 64, Adam 1e-4 β (0.5, 0.999), λ_GP 10), " +
            $"2 hidden layers, latent {a.Fig3Latent}, seeds={a.Fig3Seeds}; FID on {a.FidSamples} generated vs {a.FidSamples} train / test images; NND critic {a.NndSteps} steps");
        var ml = new MLContext(seed: a.Seed);
        var prep = Stopwatch.StartNew();
        using var reference = new FashionMnistReference(ml, a.FidSamples);
        var floor = MlpFidRun.RealFloor(reference, settings, a.Seed);
        Console.WriteLine(string.Create(ci, $"  real floor: FID(train rows vs test) = {floor.Fid:F2}, NND(test, train rows) = {floor.Nnd:F3} ({prep.Elapsed.TotalSeconds:F0} s incl. loading and features)"));
        var results = new List<MlpFidResult>();
        foreach (int k in a.Fig3Widths)
            for (int seed = a.Seed; seed < a.Seed + a.Fig3Seeds; seed++)
            {
                var r = MlpFidRun.Run(ml, reference, k, seed, settings);
                results.Add(r);
                Console.WriteLine(string.Create(ci, $"  fig3 k={k,5} seed={seed} FID train {r.FidTrain:F2} test {r.FidTest:F2} NND {r.Nnd:F3} (train {r.TrainSeconds:F0} s, eval {r.EvalSeconds:F0} s)"));
            }

        var csv = new StringBuilder("k,seed,fid_train,fid_test,nnd,train_seconds,eval_seconds,generator_steps,fid_samples\n");
        foreach (var r in results)
            csv.Append(ci, $"{r.Width},{r.Seed},{r.FidTrain:R},{r.FidTest:R},{r.Nnd:R},{r.TrainSeconds:F1},{r.EvalSeconds:F1},{a.Fig3Steps},{a.FidSamples}\n");
        csv.Append(ci, $"real,,{floor.Fid:R},{floor.Fid:R},{floor.Nnd:R},,,,{a.FidSamples}\n");
        File.WriteAllText(Path.Combine(a.Out, "fig3_fid.csv"), csv.ToString());
        var log = new StringBuilder("k,seed,step,d_loss\n");
        foreach (var r in results)
            for (int i = 0; i < r.LogSteps.Count; i++)
                if (r.DLoss[i] is { } d) log.Append(ci, $"{r.Width},{r.Seed},{r.LogSteps[i]},{d:R}\n");
        File.WriteAllText(Path.Combine(a.Out, "fig3_dloss.csv"), log.ToString());
        Plots.Fid(results, floor.Fid, $"Fig. 3 analogue: MLP WGAN-GP on Fashion-MNIST, {a.Fig3Steps} G steps", Path.Combine(a.Out, "fig3_fid.png"));
        Plots.Samples(results.Where(r => r.Seed == a.Seed).ToArray(), Path.Combine(a.Out, "fig3_samples.png"));

        Console.WriteLine();
        Console.WriteLine($"Fig. 3 analogue (Fashion-MNIST, MLP WGAN-GP, {a.Fig3Steps} generator steps; paper: MNIST, trained to convergence): " +
            $"median [min, max] over {a.Fig3Seeds} seed(s); lower is better");
        Console.WriteLine("| k | paper FID | ours FID(train) | ours FID(test) | ours NND (test) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var g in results.GroupBy(r => r.Width).OrderBy(g => g.Key))
            Console.WriteLine($"| {g.Key} | falls with k (plot only) | {Summary(g.Select(r => r.FidTrain), "F2")} | {Summary(g.Select(r => r.FidTest), "F2")} | {Summary(g.Select(r => r.Nnd), "F3")} |");
        Console.WriteLine(string.Create(ci, $"| real train vs test | — | {floor.Fid:F2} | {floor.Fid:F2} | {floor.Nnd:F3} |"));
        var byK = results.GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
        foreach (var (name, pick) in new (string, Func<MlpFidResult, double>)[] { ("FID(train)", r => r.FidTrain), ("FID(test)", r => r.FidTest), ("NND", r => r.Nnd) })
        {
            var med = byK.Select(g => Median(g.Select(pick))).ToArray();
            int falls = med.Zip(med.Skip(1), (x, y) => y < x ? 1 : 0).Sum();
            int best = Array.IndexOf(med, med.Min());
            Console.WriteLine(string.Create(ci, $"shape {name}: paper = falls as k grows (FID test > FID train, gap not growing) | ours = {med[0]:G4} at k={byK[0].Key} → {med[^1]:G4} at k={byK[^1].Key}; " +
                $"falls at {falls} of {med.Length - 1} doublings, best at k={byK[best].Key}"));
        }
        var gap = byK.Select(g => Median(g.Select(r => r.FidTest - r.FidTrain))).ToArray();
        Console.WriteLine(string.Create(ci, $"FID(test) − FID(train) per k: {string.Join(", ", byK.Zip(gap, (g, d) => $"k={g.Key}: {d:F2}"))}"));
        Console.WriteLine($"Wrote {a.Out}/fig3_fid.csv, fig3_dloss.csv, fig3_fid.png, fig3_samples.png");
    }

    List<MeanMatchingResult> Sweep(string name, float[][] data, IReadOnlyList<int> widths, CriticUpdate[] updates, int latent)
    {
        var results = new List<MeanMatchingResult>();
        var settings = new MeanMatchingSettings(latent, a.Steps, a.Batch, a.GeneratorRate, a.CriticRate, a.DIter, Math.Max(1, a.Steps / 100));
        foreach (int k in widths)
            foreach (var u in updates)
                for (int seed = a.Seed; seed < a.Seed + a.Seeds; seed++)
                {
                    var r = MeanMatchingRun.Run(data, k, u, seed, settings);
                    results.Add(r);
                    Console.WriteLine(string.Create(ci, $"  {name} k={k,5} {u,-8} seed={seed} mse {r.InitialMse:E2} → {r.FinalMse:E2} (NNLS floor {r.NnlsFloor:E2}, {r.Seconds:F1} s)"));
                }
        return results;
    }

    void Table(string title, List<MeanMatchingResult> results, CriticUpdate[] updates)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: final MSE(x̄, E G(z)) after {a.Steps} steps, median [min, max] over {a.Seeds} seeds");
        Console.WriteLine($"| k | {string.Join(" | ", updates.Select(u => $"ours {Plots.Label(u)}"))} | global min (NNLS) | paper |");
        Console.WriteLine($"|---|{string.Concat(updates.Select(_ => "---|"))}---|---|");
        foreach (var group in results.GroupBy(r => r.Width))
        {
            var cells = updates.Select(u => Summary(group.Where(r => r.Update == u).Select(r => r.FinalMse)));
            Console.WriteLine($"| {group.Key} | {string.Join(" | ", cells)} | {Summary(group.Where(r => r.Update == updates[0]).Select(r => r.NnlsFloor))} | falls with k |");
        }
        int largest = results.Max(r => r.Width);
        foreach (var u in updates)
        {
            var med = results.Where(r => r.Update == u).GroupBy(r => r.Width).OrderBy(g => g.Key).Select(g => Median(g.Select(r => r.FinalMse))).ToArray();
            bool falls = med[^1] < med[0];
            Console.WriteLine(string.Create(ci, $"shape {Plots.Label(u)}: paper = MSE falls with k, ≈ 0 for large k | ours = {(falls ? "falls" : "does NOT fall")} ({med[0]:E1} at k={results.Min(r => r.Width)} → {med[^1]:E1} at k={largest})"));
        }
    }

    string Summary(IEnumerable<double> values, string format = "E1")
    {
        var v = values.ToArray();
        if (v.Length == 1) return v[0].ToString(format, ci);
        return $"{Median(v).ToString(format, ci)} [{v.Min().ToString(format, ci)}, {v.Max().ToString(format, ci)}]";
    }
}

static double Median(IEnumerable<double> values)
{
    var v = values.OrderBy(x => x).ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
}
