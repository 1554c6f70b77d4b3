using System.CommandLine;
using MlGan.Cli;

namespace MlGan.Samples.Overparameterization;

/// <summary>The sample's settings; --quick changes the defaults of every option not given explicitly.</summary>
/// <param name="Parts">Which figures to run: any of fig2, fig9, fig3.</param>
internal sealed record OverparameterizationArgs(bool Quick, IReadOnlySet<string> Parts, int Seed, string Out,
    IReadOnlyList<int> Widths, IReadOnlyList<int> MoonWidths, int Seeds, int Steps, int M, int Latent, int Batch, double GeneratorRate, double CriticRate, int DIter,
    IReadOnlyList<int> Fig3Widths, int Fig3Steps, int Fig3Seeds, int Fig3Latent, int FidSamples, int NndSteps, int Threads)
{
    public static readonly string[] PartNames = ["fig2", "fig9", "fig3"];

    /// <summary>The command line; its action binds the options to an <see cref="OverparameterizationArgs"/> and hands it to <paramref name="run"/>.</summary>
    public static RootCommand Command(Func<OverparameterizationArgs, int> run)
    {
        var parts = new Option<IReadOnlySet<string>>("--part")
        {
            Description = "Figures to run: fig2, fig9, fig3 or all (comma list).",
            DefaultValueFactory = _ => new HashSet<string>(PartNames),
            CustomParser = result =>
            {
                if (TryParseParts(result.Tokens.Single().Value, out var set, out string? error)) return set;
                result.AddError(error!);
                return null;
            },
        };
        var quick = new Option<bool>("--quick") { Description = "Smaller sweeps, fewer seeds and steps where those options are not given." };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => Path.Combine("out", "overparameterization") };
        var seed = new Option<int>("--seed") { Description = "First seed.", DefaultValueFactory = _ => 1 }.AtLeast(1);
        // Fig. 2/9
        var widths = WidthSweepOption.Create("--widths", "Fig. 2 widths k (full 8..2048, quick 8..512).");
        var moonWidths = WidthSweepOption.Create("--moons-widths", "Fig. 9 widths k (full 1..512, quick 1..64).");
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per width and update (full 5, quick 3)." }.AtLeast(1);
        var steps = new Option<int?>("--steps") { Description = "Steps per run (full 1000, quick 300)." }.AtLeast(1);
        var m = new Option<int>("--m") { Description = "Data dimension m of Fig. 2.", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var latent = new Option<int>("--latent") { Description = "Latent dimension d of Fig. 2.", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var batch = new Option<int>("--batch") { Description = "Latents per step.", DefaultValueFactory = _ => 256 }.AtLeast(1);
        var lrG = new Option<double>("--lr-g") { Description = "η_G, the generator's step size.", DefaultValueFactory = _ => 1.0 }.Positive();
        var lrD = new Option<double>("--lr-d") { Description = "μ_D, the critic's step size.", DefaultValueFactory = _ => 0.5 }.Positive();
        var dIter = new Option<int>("--d-iter") { Description = "Critic steps per generator step of the d_iter update.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        // Fig. 3
        var fig3Widths = WidthSweepOption.Create("--fig3-widths", "Fig. 3 widths k (full 32..1024, quick 32,128,512).");
        var fig3Steps = new Option<int?>("--fig3-steps") { Description = "Fig. 3 generator steps (full 2000, quick 150)." }.AtLeast(1);
        var fig3Seeds = new Option<int>("--fig3-seeds") { Description = "Fig. 3 seeds per width.", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var fig3Latent = new Option<int>("--fig3-latent") { Description = "Fig. 3 latent dimension.", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var fidSamples = new Option<int?>("--fid-samples") { Description = "Generated and real images per FID set (full 10000, quick 2000)." }.AtLeast(16);
        var nndSteps = new Option<int?>("--nnd-steps") { Description = "Critic steps of the neural-net divergence (full 2000, quick 300)." }.AtLeast(1);
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var command = new RootCommand("Sajedi et al. 2021, overparameterization in GANs: Fig. 2 / 9 (mean matching over width k) and Fig. 3 (MLP WGAN-GP on Fashion-MNIST over k).")
        {
            parts, quick, output, seed, widths, moonWidths, seeds, steps, m, latent, batch, lrG, lrD, dIter,
            fig3Widths, fig3Steps, fig3Seeds, fig3Latent, fidSamples, nndSteps, threads,
        };
        command.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            IReadOnlyList<int> Sweep(Option<WidthSweep?> option, string full, string quickSpec) =>
                (parse.GetValue(option) ?? WidthSweep.Parse(isQuick ? quickSpec : full, option.Name)).Widths;
            return run(new OverparameterizationArgs(
                Quick: isQuick,
                Parts: parse.GetValue(parts)!,
                Seed: parse.GetValue(seed),
                Out: parse.GetValue(output)!,
                Widths: Sweep(widths, "8..2048", "8..512"),
                MoonWidths: Sweep(moonWidths, "1..512", "1..64"),
                Seeds: parse.GetValue(seeds) ?? (isQuick ? 3 : 5),
                Steps: parse.GetValue(steps) ?? (isQuick ? 300 : 1000),
                M: parse.GetValue(m),
                Latent: parse.GetValue(latent),
                Batch: parse.GetValue(batch),
                GeneratorRate: parse.GetValue(lrG),
                CriticRate: parse.GetValue(lrD),
                DIter: parse.GetValue(dIter),
                Fig3Widths: Sweep(fig3Widths, "32..1024", "32,128,512"),
                Fig3Steps: parse.GetValue(fig3Steps) ?? (isQuick ? 150 : 2000),
                Fig3Seeds: parse.GetValue(fig3Seeds),
                Fig3Latent: parse.GetValue(fig3Latent),
                FidSamples: parse.GetValue(fidSamples) ?? (isQuick ? 2000 : 10000),
                NndSteps: parse.GetValue(nndSteps) ?? (isQuick ? 300 : 2000),
                Threads: parse.GetValue(threads)));
        });
        return command;
    }

    /// <summary>"all" or a comma list of fig2, fig9, fig3; false, with a message naming the allowed values, for anything else.</summary>
    public static bool TryParseParts(string spec, out IReadOnlySet<string>? parts, out string? error)
    {
        parts = null;
        var names = spec.Split(',', StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToArray();
        if (names.Any(n => n.Length == 0))
        {
            error = $"--part '{spec}' has an empty entry; use fig2, fig9, fig3 or all (comma-separated).";
            return false;
        }
        var set = new HashSet<string>();
        foreach (var n in names)
        {
            if (n == "all") set.UnionWith(PartNames);
            else if (PartNames.Contains(n)) set.Add(n);
            else
            {
                error = $"--part '{n}' is unknown; use fig2, fig9, fig3 or all (comma-separated).";
                return false;
            }
        }
        (parts, error) = (set, null);
        return true;
    }
}
