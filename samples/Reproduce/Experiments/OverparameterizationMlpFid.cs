using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// Balaji et al. Figure 3 analogue: an MLP WGAN-GP on Fashion-MNIST (the paper: MNIST) swept over the hidden width k,
/// FID against the train and test sets with MlGan's shipped feature net, and the neural-net divergence
/// (samples/Overparameterization --part fig3).
/// </summary>
internal sealed class OverparameterizationMlpFid : IExperiment
{
    public string Id => "overparam-fig3";
    public string Title => "Overparameterization Figure 3 analogue: MLP GAN on Fashion-MNIST, FID and NND vs k";
    public string Paper => "Balaji et al. 2021, §3 (Fig. 3; FID train/test and NND as in Figs. 4 and 6)";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        string[] args = context.Quick ? ["--part", "fig3", "--quick"] : ["--part", "fig3", "--fig3-steps", "1500"];
        var (_, command) = context.Samples.Run("Overparameterization", [.. args, "--out", context.Directory], Path.Combine(context.Directory, "stdout.log"));
        var csv = CsvTable.Read(Path.Combine(context.Directory, "fig3_fid.csv"));
        var runs = csv.Rows.Where(r => csv.Cell(r, "k") != "real").ToArray();
        var real = csv.Rows.First(r => csv.Cell(r, "k") == "real");
        int steps = (int)csv.Number(runs[0], "generator_steps")!.Value;
        var byK = runs.GroupBy(r => int.Parse(csv.Cell(r, "k"), ci)).OrderBy(g => g.Key).ToArray();
        double[] Medians(string column) => byK.Select(g => Stats.Median(g.Select(r => csv.Number(r, column)!.Value))).ToArray();
        int Falls(double[] v) => v.Zip(v.Skip(1), (a, b) => b < a ? 1 : 0).Sum();
        string Series(double[] v, string format) => string.Join(", ", byK.Zip(v, (g, x) => $"k={g.Key}: {x.ToString(format, ci)}"));
        var train = Medians("fid_train");
        var test = Medians("fid_test");
        var nnd = Medians("nnd");
        var gap = test.Zip(train, (a, b) => a - b).ToArray();
        string budget = string.Create(ci, $"{steps} generator steps (the paper trains to convergence)");
        var claims = new List<Claim>
        {
            Claim.Check("FID falls as k grows", "\"FID scores are high (poor) for small k and improve as models become more overparameterized\"",
                $"FID(train) {Series(train, "F1")}; real train-vs-test {csv.Number(real, "fid_train")!.Value.ToString("F2", ci)}",
                Falls(train) == train.Length - 1, $"FID(train) falls at every step of the sweep ({budget})", $"FID(train) does not fall at every step ({budget})"),
            Claim.Check("FID(test) ≥ FID(train), gap not growing with k", "\"FID test values are consistently higher than the FID train values. Their gap does not increase\"",
                $"FID(test) − FID(train): {Series(gap, "F2")}",
                gap.All(g => g >= -0.5) && gap[^1] <= gap[0] + 0.5, "test ≥ train at every k and the widest k's gap ≤ the narrowest's (tolerance 0.5 FID)",
                "FID(test) < FID(train) by more than 0.5 somewhere, or the gap grows from the narrowest to the widest k"),
            Claim.Check("NND falls as k grows", "\"increasing the value of k decreases the NND score\" (Fig. 6)", $"NND {Series(nnd, "F3")}",
                nnd[^1] < nnd[0], "the widest k has the lowest-or-lower NND than the narrowest", "NND does not fall from the narrowest to the widest k"),
        };
        return new ExperimentOutcome(claims, [command], context.Figures("fig3_fid.png", "fig3_samples.png"));
    }
}
