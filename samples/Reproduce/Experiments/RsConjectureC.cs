using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// Sun et al. §6 conjecture (C), imbalanced data: the §5 two-cluster setup (the authors' script: 100 reals, fixed
/// latents U[−5, 5], D sigmoid width 10, G tanh width 5, SGD 1e-2 momentum 0.9, 10 D : 10 G steps) with 90 % of the reals at
/// 0 and 10 % at 4 (samples/TwoCluster --minor-share 0.1). §6: "JS-GAN ends up with mode collapse while RS-GAN can
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
        string seeds = context.Quick ? "10" : "30", steps = context.Quick ? "2000" : "5000";
        var (_, command) = context.Samples.Run("TwoCluster",
            ["--minor-share", "0.1", "--widths", "10", "--seeds", seeds, "--steps", steps, "--optimal-critic-steps", "0", "--out", context.Directory],
            Path.Combine(context.Directory, "stdout.log"));
        var csv = CsvTable.Read(Path.Combine(context.Directory, "runs.csv"));
        (int Dropped, int Kept, int Runs, string Text) Of(string loss)
        {
            var v = csv.Where("loss", loss).Select(r => csv.Number(r, "last_share_c4")!.Value).ToArray();
            int dropped = v.Count(x => x < 0.02), kept = v.Count(x => Math.Abs(x - 0.1) <= 0.05);
            return (dropped, kept, v.Length, string.Create(ci, $"{loss}: minor share median {Stats.Median(v):P0} [min {v.Min():P0}, max {v.Max():P0}], dropped {dropped}/{v.Length}, kept ≈ 10 % in {kept}/{v.Length}"));
        }
        var js = Of("js-ns");
        var rs = Of("rs");
        bool holds = js.Dropped * 2 >= js.Runs && rs.Kept * 2 >= rs.Runs && rs.Dropped < js.Dropped;
        var claims = new List<Claim>
        {
            Claim.Check("JS collapses on imbalanced data, RS keeps the proportions", "\"JS-GAN ends up with mode collapse while RS-GAN can generate data with proportions similar to the imbalanced true data\"",
                $"{js.Text}; {rs.Text} ({steps} iterations)", holds,
                "at least half the JS runs drop the 10 % mode, at least half the RS runs keep ≈ 10 % there, and RS drops it less often",
                "the split between the losses is not the one stated (see the counts)"),
        };
        return new ExperimentOutcome(claims, [command], context.Figures("fakes_js-ns.png", "fakes_rs.png"));
    }
}
