using System.Globalization;
using MlGan.Trainers.Experiments;

namespace MlGan.Samples.Overparameterization;

/// <summary>Command line of the sample; --quick changes the defaults of every option not given explicitly.</summary>
internal sealed record OverparameterizationArgs
{
    public const string Usage =
        "Overparameterization [--quick] [--out DIR] [--widths SPEC (Fig. 2; full 8..2048, quick 8..512)] [--moons-widths SPEC (Fig. 9; full 1..512, quick 1..64)]\n" +
        "  [--seeds N (full 5, quick 3)] [--steps N (full 1000, quick 300)] [--m 32] [--latent 8] [--batch 256] [--lr-g 1.0] [--lr-d 0.5] [--d-iter 5] [--threads 1]\n" +
        "  SPEC: comma-separated widths or ranges a..b (doubling) / a..b*f, e.g. 8,16,32 or 8..2048.";

    public bool Quick { get; init; }
    public bool Help { get; init; }
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

    public static OverparameterizationArgs Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        var a = new OverparameterizationArgs { Quick = quick };
        string? widths = null, moonWidths = null;
        int? seeds = null, steps = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": break;
                case "-h" or "--help": a = a with { Help = true }; break;
                case "--out": a = a with { Out = Value() }; break;
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
        };
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v : throw new ArgumentException($"{name} must be a positive integer; got '{text}'.");

    private static double Rate(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v : throw new ArgumentException($"{name} must be a positive number; got '{text}'.");
}
