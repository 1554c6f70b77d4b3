using System.Globalization;
using MlGan.Trainers.Experiments;

namespace MlGan.Samples.Overparameterization;

/// <summary>Command line of the sample; --quick changes the defaults of every option not given explicitly.</summary>
internal sealed record OverparameterizationArgs
{
    public const string Usage =
        "Overparameterization [--part fig2|fig9|fig3|all (comma list; default all)] [--quick] [--out DIR] [--seed N (first seed, default 1)]\n" +
        "  Fig. 2/9: [--widths SPEC (Fig. 2; full 8..2048, quick 8..512)] [--moons-widths SPEC (Fig. 9; full 1..512, quick 1..64)]\n" +
        "  [--seeds N (full 5, quick 3)] [--steps N (full 1000, quick 300)] [--m 32] [--latent 8] [--batch 256] [--lr-g 1.0] [--lr-d 0.5] [--d-iter 5]\n" +
        "  Fig. 3: [--fig3-widths SPEC (full 32..1024, quick 32,128,512)] [--fig3-steps N (generator steps; full 2000, quick 150)] [--fig3-seeds N (1)]\n" +
        "  [--fig3-latent 100] [--fid-samples N (generated and real per set; full 10000, quick 2000)] [--nnd-steps N (full 2000, quick 300)] [--threads 1]\n" +
        "  SPEC: comma-separated widths or ranges a..b (doubling) / a..b*f, e.g. 8,16,32 or 8..2048.";

    public bool Quick { get; init; }
    public bool Help { get; init; }
    /// <summary>Which figures to run: any of fig2, fig9, fig3.</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>();
    public int Seed { get; init; } = 1;
    public string Out { get; init; } = Path.Combine("out", "overparameterization");
    public IReadOnlyList<int> Widths { get; init; } = [];
    public IReadOnlyList<int> MoonWidths { get; init; } = [];
    public int Seeds { get; init; }
    public int Steps { get; init; }
    public int M { get; init; } = 32;
    public int Latent { get; init; } = 8;
    public int Batch { get; init; } = 256;
    public double GeneratorRate { get; init; } = 1.0;
    public double CriticRate { get; init; } = 0.5;
    public int DIter { get; init; } = 5;
    public int Threads { get; init; } = 1;
    public IReadOnlyList<int> Fig3Widths { get; init; } = [];
    public int Fig3Steps { get; init; }
    public int Fig3Seeds { get; init; } = 1;
    public int Fig3Latent { get; init; } = 100;
    public int FidSamples { get; init; }
    public int NndSteps { get; init; }

    public static readonly string[] PartNames = ["fig2", "fig9", "fig3"];

    public static OverparameterizationArgs Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        var a = new OverparameterizationArgs { Quick = quick };
        string? widths = null, moonWidths = null, fig3Widths = null, parts = null;
        int? seeds = null, steps = null, fig3Steps = null, fidSamples = null, nndSteps = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": break;
                case "-h" or "--help": a = a with { Help = true }; break;
                case "--out": a = a with { Out = Value() }; break;
                case "--part": parts = Value(); break;
                case "--seed": a = a with { Seed = Positive(Value(), "--seed") }; break;
                case "--fig3-widths": fig3Widths = Value(); break;
                case "--fig3-steps": fig3Steps = Positive(Value(), "--fig3-steps"); break;
                case "--fig3-seeds": a = a with { Fig3Seeds = Positive(Value(), "--fig3-seeds") }; break;
                case "--fig3-latent": a = a with { Fig3Latent = Positive(Value(), "--fig3-latent") }; break;
                case "--fid-samples": fidSamples = AtLeast(Value(), "--fid-samples", 16); break;
                case "--nnd-steps": nndSteps = Positive(Value(), "--nnd-steps"); break;
                case "--widths": widths = Value(); break;
                case "--moons-widths": moonWidths = Value(); break;
                case "--seeds": seeds = Positive(Value(), "--seeds"); break;
                case "--steps": steps = Positive(Value(), "--steps"); break;
                case "--m": a = a with { M = Positive(Value(), "--m") }; break;
                case "--latent": a = a with { Latent = Positive(Value(), "--latent") }; break;
                case "--batch": a = a with { Batch = Positive(Value(), "--batch") }; break;
                case "--lr-g": a = a with { GeneratorRate = Rate(Value(), "--lr-g") }; break;
                case "--lr-d": a = a with { CriticRate = Rate(Value(), "--lr-d") }; break;
                case "--d-iter": a = a with { DIter = Positive(Value(), "--d-iter") }; break;
                case "--threads": a = a with { Threads = Positive(Value(), "--threads") }; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }
        return a with
        {
            Widths = WidthSweep.Parse(widths ?? (quick ? "8..512" : "8..2048"), "--widths").Widths,
            MoonWidths = WidthSweep.Parse(moonWidths ?? (quick ? "1..64" : "1..512"), "--moons-widths").Widths,
            Seeds = seeds ?? (quick ? 3 : 5),
            Steps = steps ?? (quick ? 300 : 1000),
            Parts = ParseParts(parts ?? "all"),
            Fig3Widths = WidthSweep.Parse(fig3Widths ?? (quick ? "32,128,512" : "32..1024"), "--fig3-widths").Widths,
            Fig3Steps = fig3Steps ?? (quick ? 150 : 2000),
            FidSamples = fidSamples ?? (quick ? 2000 : 10000),
            NndSteps = nndSteps ?? (quick ? 300 : 2000),
        };
    }

    /// <summary>"all" or a comma list of fig2, fig9, fig3; anything else names the allowed values.</summary>
    public static IReadOnlySet<string> ParseParts(string spec)
    {
        var names = spec.Split(',', StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToArray();
        if (names.Length == 0 || names.Any(n => n.Length == 0))
            throw new ArgumentException($"--part '{spec}' has an empty entry; use fig2, fig9, fig3 or all (comma-separated).", "--part");
        var set = new HashSet<string>();
        foreach (var n in names)
        {
            if (n == "all") set.UnionWith(PartNames);
            else if (PartNames.Contains(n)) set.Add(n);
            else throw new ArgumentException($"--part '{n}' is unknown; use fig2, fig9, fig3 or all (comma-separated).", "--part");
        }
        return set;
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v : throw new ArgumentException($"{name} must be a positive integer; got '{text}'.");

    private static int AtLeast(string text, string name, int min) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
            ? v : throw new ArgumentException($"{name} must be an integer ≥ {min}; got '{text}'.");

    private static double Rate(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v : throw new ArgumentException($"{name} must be a positive number; got '{text}'.");
}
