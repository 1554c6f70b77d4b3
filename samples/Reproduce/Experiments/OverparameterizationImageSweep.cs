using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// Balaji et al. Figs. 4, 5, 6 analogues: a DCGAN or ResNet width sweep on Fashion-MNIST (the paper: CIFAR-10 and
/// CelebA) through the engine with FID during training (samples/Overparameterization/Images).
/// </summary>
internal sealed class OverparameterizationImageSweep : IExperiment
{
    private readonly string _net;
    private readonly string _label;
    private readonly ImageSweepSettings _quick;
    private readonly int _paperSaturation;

    private OverparameterizationImageSweep(string net, string id, string label, int paperSaturation, ImageSweepSettings quick)
    {
        _net = net;
        _label = label;
        Id = id;
        Title = $"Overparameterization Figures 4, 5, 6 analogues: {label} width sweep on Fashion-MNIST";
        _paperSaturation = paperSaturation;
        _quick = quick;
    }

    /// <summary>Fig. 4 a–c (DCGAN; the paper's FID saturates beyond k = 64).</summary>
    public static OverparameterizationImageSweep Dcgan() => new("dcgan", "overparam-fig4-5-6", "DCGAN", 64, ImageSweepSettings.Defaults);

    /// <summary>Fig. 4 d–f (ResNet; saturates beyond k = 128). Its quick run is narrower: a ResNet step costs several DCGAN steps.</summary>
    public static OverparameterizationImageSweep ResNet() => new("resnet", "overparam-fig4-5-6-resnet", "ResNet", 128, new("8,16,32", 200));

    public string Id { get; }
    public string Title { get; }
    public string Paper => "Balaji et al. 2021, §3 (Figs. 4–6: DCGAN / ResNet on CIFAR-10 and CelebA, trained to convergence)";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        // --sweep-widths / --sweep-steps win over this net's quick narrowing; the sample's --quick sets everything else.
        var sweep = context.Quick ? new ImageSweepSettings(context.Sweeps.Widths ?? _quick.Widths, context.Sweeps.Steps ?? _quick.Steps) : context.Sweeps;
        string[] args = [.. context.Quick ? ["--quick"] : Array.Empty<string>(), "--net", _net, .. sweep.Arguments()];
        var (_, command) = context.Samples.Run("Overparameterization/Images", [.. args, "--out", context.Directory], Path.Combine(context.Directory, "stdout.log"), "OverparameterizationImages");
        var csv = CsvTable.Read(Path.Combine(context.Directory, "image_sweep.csv"));
        var runs = csv.Rows.Where(r => csv.Cell(r, "k") != "real").OrderBy(r => int.Parse(csv.Cell(r, "k"), ci)).ToArray();
        var real = csv.Rows.First(r => csv.Cell(r, "k") == "real");
        int steps = (int)csv.Number(runs[0], "steps")!.Value;
        int[] k = runs.Select(r => int.Parse(csv.Cell(r, "k"), ci)).ToArray();
        double[] Col(string c) => runs.Select(r => csv.Number(r, c)!.Value).ToArray();
        var train = Col("fid_train");
        var test = Col("fid_test");
        var nnd = Col("nnd");
        string Series(double[] v, string f) => string.Join(", ", k.Zip(v, (w, x) => $"k={w}: {x.ToString(f, ci)}"));
        int falls = train.Zip(train.Skip(1), (x, y) => y < x ? 1 : 0).Sum();
        // Fig. 5: mean FID(train) over the evaluations of the run — lower means it got good sooner.
        var curves = CsvTable.Read(Path.Combine(context.Directory, "fid_curves.csv"));
        double[] area = k.Select(w => curves.Where("k", w.ToString(ci)).Average(r => curves.Number(r, "fid_train")!.Value)).ToArray();
        int areaFalls = area.Zip(area.Skip(1), (x, y) => y < x ? 1 : 0).Sum();
        string budget = string.Create(ci, $"{steps} generator steps per k on 2 CPU cores (the paper trains to convergence on GPUs)");
        var gap = test.Zip(train, (a, b) => a - b).ToArray();
        var claims = new List<Claim>
        {
            Claim.Check("Fig. 4: FID falls as k grows", $"\"FID scores are high (poor) for small k … improve as models become more overparameterized\"; saturate beyond k = {_paperSaturation} ({_label})",
                $"FID(train) {Series(train, "F1")}; real train vs test {csv.Number(real, "fid_train")!.Value.ToString("F2", ci)}",
                falls == train.Length - 1, $"FID(train) falls at every step of the sweep ({budget}); saturation is not tested by this k range",
                $"FID(train) does not fall at every step of the sweep ({budget})"),
            Claim.Check("Fig. 4: FID(test) ≥ FID(train), gap not growing", "\"FID test values are consistently higher than the FID train values. Their gap does not increase\"",
                $"FID(test) − FID(train): {Series(gap, "F2")}", gap.All(g => g >= -0.5) && gap[^1] <= gap[0] + 0.5,
                "test ≥ train at every k and the widest k's gap ≤ the narrowest's (tolerance 0.5 FID)",
                "FID(test) < FID(train) by more than 0.5 somewhere, or the gap grows with k"),
            Claim.Check("Fig. 5: larger k converges faster", "\"models with larger values of k converge faster and demonstrate a more stable behavior\"",
                $"mean FID(train) over the run's evaluations {Series(area, "F1")}", areaFalls == area.Length - 1,
                "the FID curve lies lower at every larger k", "the FID curve of a larger k is not lower everywhere in the sweep"),
            Claim.Check("Fig. 6: NND falls as k grows", "\"increasing the value of k decreases the NND score\"", $"NND {Series(nnd, "F3")}", nnd[^1] < nnd[0],
                "the widest k has a lower NND than the narrowest", "NND does not fall from the narrowest to the widest k"),
        };
        return new ExperimentOutcome(claims, [command], context.Figures("fig4_fid_vs_k.png", "fig5_fid_vs_step.png", "fig6_nnd_vs_k.png"));
    }
}
