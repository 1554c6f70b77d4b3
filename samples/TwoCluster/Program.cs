// Sun et al. 2020 ("Towards a better global loss landscape of GANs"), §5: two-cluster data, non-saturating JS-GAN vs
// RS-GAN on MlGan's engine. Reports the D-loss plateau while collapsed, iterations to escape collapse (median over
// seeds) and the effect of width; writes CSV + PNG under --out.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlGan.Samples.TwoCluster;
using MlGan.Trainers.Experiments;
using MlGan.Trainers.Losses;

TwoClusterArgs a;
try { a = TwoClusterArgs.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }
if (a.Help) { Console.WriteLine(TwoClusterArgs.Usage); return 0; }
TorchSharp.torch.set_num_threads(a.Threads);
var ci = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(a.Out);
string[] losses = ["js-ns", "rs"];
var collapse = losses.ToDictionary(l => l, l => GanLosses.ByName(l).CollapseValue!.Value);
Console.WriteLine($"mode={(a.Quick ? "quick" : "full")} widths={string.Join(",", a.Widths)} main width={a.MainWidth} seeds={a.Seeds} steps≤{a.Steps} Adam lr={a.LearningRate} threads={a.Threads}");
Console.WriteLine($"collapsed := ≥ {TwoClusterRun.CollapseShare:P0} of 1000 grid fakes within {TwoClusterRun.Radius} of one centre; " +
                  $"escaped := ≥ {TwoClusterRun.CoverShare:P0} within {TwoClusterRun.Radius} of each of 0 and 4 (checked every {a.EvalEvery} steps)");

var results = new List<TwoClusterResult>();
foreach (int width in a.Widths)
    foreach (var loss in losses)
        for (int seed = 1; seed <= a.Seeds; seed++)
        {
            bool keepTrace = seed == 1 && width == a.MainWidth;
            var r = TwoClusterRun.Run(loss, width, seed, new TwoClusterSettings(a.Steps, a.EvalEvery, a.LearningRate, a.Std, 100, keepTrace));
            results.Add(r);
            Console.WriteLine(string.Create(ci, $"  {loss,-5} width={width,4} seed={seed,2} escape={(r.EscapeStep?.ToString(ci) ?? $">{a.Steps}"),6} " +
                $"collapsed-from={r.FirstCollapsedStep?.ToString(ci) ?? "never",5} plateau={r.PlateauDLoss?.ToString("F3", ci) ?? "n/a"} basin-flag={r.BasinFlaggedAt?.ToString(ci) ?? "no"} ({r.Seconds:F1} s)"));
        }

var csv = new StringBuilder("loss,width,seed,escape_step,first_collapsed_step,plateau_d_loss,basin_flagged_at,steps_run,seconds\n");
foreach (var r in results)
    csv.Append(ci, $"{r.Loss},{r.Width},{r.Seed},{r.EscapeStep},{r.FirstCollapsedStep},{r.PlateauDLoss:R},{r.BasinFlaggedAt},{r.StepsRun},{r.Seconds:F2}\n");
File.WriteAllText(Path.Combine(a.Out, "runs.csv"), csv.ToString());
var trace = new StringBuilder("loss,step,d_loss\n");
foreach (var r in results.Where(r => r.Positions.Count > 0))
    for (int i = 0; i < r.DLoss.Count; i++) trace.Append(ci, $"{r.Loss},{i},{r.DLoss[i]:R}\n");
File.WriteAllText(Path.Combine(a.Out, "d_loss_seed1.csv"), trace.ToString());
foreach (var r in results.Where(r => r.Positions.Count > 0))
{
    Plots.DLoss(r, collapse[r.Loss], Path.Combine(a.Out, $"d_loss_{r.Loss}.png"));
    Plots.Positions(r, Path.Combine(a.Out, $"fakes_{r.Loss}.png"));
}
Plots.EscapeByWidth(results, losses, a.Steps, Path.Combine(a.Out, "escape_by_width.png"));

// Tables. Runs that never escape count as +∞ in medians (shown as ">steps").
string Esc(double v) => double.IsPositiveInfinity(v) ? $">{a.Steps}" : v.ToString("F0", ci);
double EscapeOf(TwoClusterResult r) => r.EscapeStep ?? double.PositiveInfinity;
var main = results.Where(r => r.Width == a.MainWidth).ToArray();
double medJs = Stats.Median(main.Where(r => r.Loss == "js-ns").Select(EscapeOf));
double medRs = Stats.Median(main.Where(r => r.Loss == "rs").Select(EscapeOf));
string Plateau(string loss)
{
    var v = main.Where(r => r.Loss == loss && r.PlateauDLoss is not null).Select(r => r.PlateauDLoss!.Value).ToArray();
    return v.Length == 0 ? "n/a (never collapsed after step 100)" : string.Create(ci, $"{Stats.Median(v):F3} [{v.Min():F3}, {v.Max():F3}] ({v.Length}/{a.Seeds} runs)");
}
string Escapes(string loss)
{
    var v = main.Where(r => r.Loss == loss).Select(EscapeOf).ToArray();
    return $"{Esc(Stats.Median(v))} [{Esc(Stats.Quantile(v, 0.25))}, {Esc(Stats.Quantile(v, 0.75))}] ({v.Count(double.IsFinite)}/{v.Length} escaped)";
}
Console.WriteLine();
Console.WriteLine($"Two-cluster (Sun et al. §5), width {a.MainWidth}, {a.Seeds} seeds: medians [quartiles or min, max]");
Console.WriteLine("| quantity | paper | ours |");
Console.WriteLine("|---|---|---|");
Console.WriteLine(string.Create(ci, $"| JS D-loss plateau while collapsed (s1a value {collapse["js-ns"]:F4}) | ≈ 0.48 | {Plateau("js-ns")} |"));
Console.WriteLine(string.Create(ci, $"| RS D-loss plateau while collapsed (s1a value {collapse["rs"]:F4}) | ≈ 0.35 | {Plateau("rs")} |"));
Console.WriteLine($"| JS iterations to escape | ≈ 3× RS | {Escapes("js-ns")} |");
Console.WriteLine($"| RS iterations to escape | ≈ 800 | {Escapes("rs")} |");
Console.WriteLine(string.Create(ci, $"| JS / RS escape (ratio of medians) | ≈ 3 (3–4×) | {(double.IsFinite(medJs) && double.IsFinite(medRs) && medRs > 0 ? (medJs / medRs).ToString("F2", ci) : "n/a")} |"));
Console.WriteLine(string.Create(ci, $"| collapse-basin detector flagged (JS / RS runs) | — | {main.Count(r => r.Loss == "js-ns" && r.BasinFlaggedAt is not null)}/{a.Seeds} / {main.Count(r => r.Loss == "rs" && r.BasinFlaggedAt is not null)}/{a.Seeds} |"));
Console.WriteLine();
Console.WriteLine("Effect of width: median iterations to escape [quartiles] (paper: wider ⇒ faster, mostly for JS)");
Console.WriteLine("| width | JS | RS |");
Console.WriteLine("|---|---|---|");
foreach (int w in a.Widths)
{
    string Cell(string loss)
    {
        var v = results.Where(r => r.Width == w && r.Loss == loss).Select(EscapeOf).ToArray();
        return $"{Esc(Stats.Median(v))} [{Esc(Stats.Quantile(v, 0.25))}, {Esc(Stats.Quantile(v, 0.75))}] ({v.Count(double.IsFinite)}/{v.Length})";
    }
    Console.WriteLine($"| {w} | {Cell("js-ns")} | {Cell("rs")} |");
}
Console.WriteLine($"Wrote {a.Out}/runs.csv, d_loss_seed1.csv, d_loss_js-ns.png, d_loss_rs.png, fakes_js-ns.png, fakes_rs.png, escape_by_width.png");
Console.WriteLine(string.Create(ci, $"machine time: {clock.Elapsed.TotalSeconds:F0} s wall ({a.Threads} torch thread(s))"));
return 0;

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

internal sealed record TwoClusterArgs
{
    public const string Usage =
        "TwoCluster [--quick] [--out DIR] [--widths SPEC (full 16,64,256; quick 16,64)] [--main-width 64] [--seeds N (10)]\n" +
        "  [--steps N (full 6000, quick 2500)] [--lr 2e-4] [--std 0.1] [--eval-every 10] [--threads 1]";

    public bool Quick { get; init; }
    public bool Help { get; init; }
    public string Out { get; init; } = Path.Combine("out", "twocluster");
    public IReadOnlyList<int> Widths { get; init; } = [];
    public int MainWidth { get; init; } = 64;
    public int Seeds { get; init; } = 10;
    public int Steps { get; init; }
    public double LearningRate { get; init; } = 2e-4;
    public double Std { get; init; } = 0.1;
    public int EvalEvery { get; init; } = 10;
    public int Threads { get; init; } = 1;

    public static TwoClusterArgs Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        var a = new TwoClusterArgs { Quick = quick };
        string? widths = null;
        int? steps = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": break;
                case "-h" or "--help": a = a with { Help = true }; break;
                case "--out": a = a with { Out = Value() }; break;
                case "--widths": widths = Value(); break;
                case "--main-width": a = a with { MainWidth = WidthSweep.Parse(Value(), "--main-width").Widths.Single() }; break;
                case "--seeds": a = a with { Seeds = Positive(Value(), "--seeds") }; break;
                case "--steps": steps = Positive(Value(), "--steps"); break;
                case "--lr": a = a with { LearningRate = PositiveReal(Value(), "--lr") }; break;
                case "--std": a = a with { Std = PositiveReal(Value(), "--std") }; break;
                case "--eval-every": a = a with { EvalEvery = Positive(Value(), "--eval-every") }; break;
                case "--threads": a = a with { Threads = Positive(Value(), "--threads") }; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }
        a = a with { Widths = WidthSweep.Parse(widths ?? (quick ? "16,64" : "16,64,256"), "--widths").Widths, Steps = steps ?? (quick ? 2500 : 6000) };
        if (!a.Widths.Contains(a.MainWidth))
            throw new ArgumentException($"--main-width {a.MainWidth} must be one of --widths ({string.Join(",", a.Widths)}).");
        return a;
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v : throw new ArgumentException($"{name} must be a positive integer; got '{text}'.");

    private static double PositiveReal(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v : throw new ArgumentException($"{name} must be a positive number; got '{text}'.");
}
