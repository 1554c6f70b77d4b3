using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// Sun et al. §6 conjecture (C), imbalanced data: the §5 two-cluster setup (the authors' script: 100 reals, fixed
/// latents U[−5, 5], D sigmoid width 10, G tanh width 5, SGD 1e-2 momentum 0.9, 10 D : 10 G steps) with a 90/10 split
/// (samples/TwoCluster --minor-share 0.1), the minor cluster once at 4 and once at 0 (where the generator starts). §6: "JS-GAN ends up with mode collapse while RS-GAN can
/// generate data with proportions similar to the imbalanced true data". A run drops the minor mode when under 2 % of
/// its 100 fakes lie within 1 of the minor cluster at the end; it keeps the proportions when that share is within ±5
/// points of 10 %.
/// </summary>
internal sealed class RsConjectureC : IExperiment
{
    public string Id => "rs-imbalanced";
    public string Title => "RS-GAN conjecture (C): imbalanced 90/10 two-cluster data, JS vs RS";
    public string Paper => "Sun et al. 2020, §6 (C) (setup of App. C not in the text: §5's two-cluster setup with a 90/10 split)";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        string seeds = context.Quick ? "20" : "30", steps = context.Quick ? "3000" : "5000";
        var claims = new List<Claim>();
        var commands = new List<string>();
        var figures = new List<string>();
        // The minor cluster away from where the generator starts (at 4), and where it starts (at 0).
        foreach (var (at, column, where) in new[] { ("4", "last_share_c4", "minor cluster at 4 (away from the generator's collapsed start)"), ("0", "last_share_c0", "minor cluster at 0 (where the generator starts)") })
        {
            string dir = Path.Combine(context.Directory, $"minor-at-{at}");
            var (_, command) = context.Samples.Run("TwoCluster",
                ["--minor-share", "0.1", "--minor-at", at, "--widths", "10", "--seeds", seeds, "--steps", steps, "--optimal-critic-steps", "0", "--out", dir],
                Path.Combine(context.Directory, "stdout.log"));
            commands.Add(command);
            var csv = CsvTable.Read(Path.Combine(dir, "runs.csv"));
            (int Dropped, int Kept, int Runs, string Text) Of(string loss)
            {
                var v = csv.Where("loss", loss).Select(r => csv.Number(r, column)!.Value).ToArray();
                int dropped = v.Count(x => x < 0.02), kept = v.Count(x => Math.Abs(x - 0.1) <= 0.05);
                return (dropped, kept, v.Length, string.Create(ci, $"{loss}: minor share median {Stats.Median(v):P0} [min {v.Min():P0}, max {v.Max():P0}], dropped {dropped}/{v.Length}, ≈ 10 % in {kept}/{v.Length}"));
            }
            var js = Of("js-ns");
            var rs = Of("rs");
            claims.Add(Claim.Check($"{where}: JS collapses, RS keeps the proportions",
                "\"JS-GAN ends up with mode collapse while RS-GAN can generate data with proportions similar to the imbalanced true data\"",
                $"{js.Text}; {rs.Text} ({steps} iterations)", js.Dropped * 2 >= js.Runs && rs.Kept * 2 >= rs.Runs && rs.Dropped < js.Dropped,
                "at least half the JS runs drop the 10 % mode, at least half the RS runs keep ≈ 10 % there, and RS drops it less often",
                rs.Dropped >= js.Dropped ? "RS drops the minor mode at least as often as JS in this setup" : "RS drops it less often than JS, but not in the stated proportions (see the counts)"));
            figures.AddRange(new[] { "fakes_js-ns.png", "fakes_rs.png" }.Where(f => File.Exists(Path.Combine(dir, f))).Select(f => $"{context.RelativeDirectory}/minor-at-{at}/{f}"));
        }
        return new ExperimentOutcome(claims, commands, figures);
    }
}
