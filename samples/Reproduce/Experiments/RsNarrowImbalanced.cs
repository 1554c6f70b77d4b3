using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// Sun et al. §6 conjecture (A), narrow nets, as a 2-D analogue: the 8-Gaussian ring with widths ×1, ×½, ×¼ through the
/// public estimator (samples/NarrowImbalanced). Conjecture (C) has its own experiment in the authors' two-cluster setup.
/// </summary>
internal sealed class RsNarrowImbalanced : IExperiment
{
    public string Id => "rs-narrow";
    public string Title => "RS-GAN conjecture (A): narrow nets on the 8-Gaussian ring, JS vs RS";
    public string Paper => "Sun et al. 2020, §6 (A) (the paper: CIFAR-10/STL-10 CNNs, Table 2)";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        string[] args = context.Quick ? ["--quick", "--seeds", "3", "--steps", "1500"] : [];
        var (_, command) = context.Samples.Run("NarrowImbalanced", [.. args, "--out", context.Directory], Path.Combine(context.Directory, "stdout.log"));
        var csv = CsvTable.Read(Path.Combine(context.Directory, "runs.csv"));
        var ring = csv.Where("experiment", "ring8").ToArray();
        var widths = ring.Select(r => int.Parse(csv.Cell(r, "width"), ci)).Distinct().OrderByDescending(w => w).ToArray();
        double Median(int w, string loss, string column) =>
            Stats.Median(ring.Where(r => csv.Cell(r, "width") == w.ToString(ci) && csv.Cell(r, "loss") == loss).Select(r => csv.Number(r, column)!.Value));
        int seeds = ring.Count(r => csv.Cell(r, "width") == widths[0].ToString(ci) && csv.Cell(r, "loss") == "rs");
        string text = string.Join("; ", widths.Select(w => string.Create(ci,
            $"width {w}: modes JS {Median(w, "js-ns", "modes_covered"):F0} / RS {Median(w, "rs", "modes_covered"):F0}, hq JS {Median(w, "js-ns", "hq_rate"):F2} / RS {Median(w, "rs", "hq_rate"):F2}")));
        int narrow = widths[^1], regular = widths[0];
        double gapNarrow = Median(narrow, "rs", "hq_rate") - Median(narrow, "js-ns", "hq_rate");
        double gapRegular = Median(regular, "rs", "hq_rate") - Median(regular, "js-ns", "hq_rate");
        var claims = new List<Claim>
        {
            Claim.Check("RS's advantage grows as nets narrow", "\"for narrow nets, the gap between RS-GAN and JS-GAN is similar or larger\" (FID, CIFAR-10/STL-10)",
                text + string.Create(ci, $" (medians over {seeds} seeds; RS − JS hq gap {gapRegular:+0.00;−0.00} at width {regular}, {gapNarrow:+0.00;−0.00} at width {narrow})"),
                gapNarrow >= gapRegular && gapNarrow > 0, "RS − JS high-quality-rate gap at the narrowest width is positive and ≥ the regular width's",
                context.Quick ? "no larger gap at the narrowest width; quick mode (3 seeds, 1500 steps) is far from converged" : "no larger gap at the narrowest width with this 2-D analogue"),
        };
        return new ExperimentOutcome(claims, [command], context.Figures($"ring8_width{narrow}_seed1.png"));
    }
}
