// Sajedi et al. 2021, "Understanding overparameterization in GANs": §2.3 Fig. 2 (Theorems 2.1/2.2) and appendix
// Fig. 9 (two moons) on MlGan's engine — V·ReLU(Wz) generator (V frozen) against a linear ℓ2 critic, swept over the
// hidden width k. Prints "paper | ours" tables, writes CSV + PNG under --out. Fig. 3 (Fashion-MNIST FID/NND) is not here.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlGan.Samples.Overparameterization;
using MlGan.Transforms.Data;

OverparameterizationArgs a;
try { a = OverparameterizationArgs.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }
if (a.Help) { Console.WriteLine(OverparameterizationArgs.Usage); return 0; }
TorchSharp.torch.set_num_threads(a.Threads);
var ci = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(a.Out);
Console.WriteLine($"mode={(a.Quick ? "quick" : "full")} seeds={a.Seeds} steps={a.Steps} batch={a.Batch} η_G={a.GeneratorRate} μ_D={a.CriticRate} threads={a.Threads}");

// Fig. 2: x_i ~ N(μ, I_m), μ ~ N(0, I_m) drawn once (data seed 2021); n = 1000.
var rng = new SeededRandom(2021);
var mu = Enumerable.Range(0, a.M).Select(_ => rng.Normal()).ToArray();
var gaussian = Enumerable.Range(0, 1000).Select(_ => mu.Select(x => (float)(x + rng.Normal())).ToArray()).ToArray();
Console.WriteLine(string.Create(ci, $"self-check: |Monte-Carlo mean − closed-form mean| (k=256, 200k z) = {MeanMatchingRun.MonteCarloGap(a.Latent, a.M, 256, 1, 200_000):E2}"));
var fig2 = Sweep("fig2", gaussian, a.Widths, [CriticUpdate.Gda, CriticUpdate.OptimalD], a.Latent);
// Fig. 9: two moons (noise 0.1), m = 2, latent 2.
var moons = TwoMoons.Sample(1000, 0.1, new SeededRandom(2022));
var fig9 = Sweep("fig9", moons, a.MoonWidths, [CriticUpdate.OptimalD, CriticUpdate.Gda, CriticUpdate.DIter], 2);

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
Plots.FinalMse(fig2, "Fig. 2: N(μ, I), m = " + a.M, Path.Combine(a.Out, "fig2_final_mse.png"));
Plots.Curves(fig2, CriticUpdate.Gda, "Fig. 2 GDA: MSE over iterations", Path.Combine(a.Out, "fig2_gda_curves.png"));
Plots.FinalMse(fig9, "Fig. 9: two moons", Path.Combine(a.Out, "fig9_final_mse.png"));

Table("Fig. 2 (Gaussian data, m = " + a.M + ", latent d = " + a.Latent + ")", fig2, [CriticUpdate.Gda, CriticUpdate.OptimalD]);
Table("Fig. 9 (two moons, m = 2, latent d = 2, d_iter = " + a.DIter + ")", fig9, [CriticUpdate.OptimalD, CriticUpdate.Gda, CriticUpdate.DIter]);
Console.WriteLine("Fig. 3 (MLP GAN on (Fashion-)MNIST, FID/NND vs k): not reproduced in this sample (planned).");
Console.WriteLine($"Wrote {a.Out}/final_mse.csv, curves.csv, fig2_final_mse.png, fig2_gda_curves.png, fig9_final_mse.png");
Console.WriteLine(string.Create(ci, $"machine time: {clock.Elapsed.TotalSeconds:F0} s wall ({a.Threads} torch thread(s))"));
return 0;

List<MeanMatchingResult> Sweep(string name, float[][] data, IReadOnlyList<int> widths, CriticUpdate[] updates, int latent)
{
    var results = new List<MeanMatchingResult>();
    var settings = new MeanMatchingSettings(latent, a.Steps, a.Batch, a.GeneratorRate, a.CriticRate, a.DIter, Math.Max(1, a.Steps / 100));
    foreach (int k in widths)
        foreach (var u in updates)
            for (int seed = 1; seed <= a.Seeds; seed++)
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

string Summary(IEnumerable<double> values)
{
    var v = values.ToArray();
    return string.Create(ci, $"{Median(v):E1} [{v.Min():E1}, {v.Max():E1}]");
}

static double Median(IEnumerable<double> values)
{
    var v = values.OrderBy(x => x).ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
}
