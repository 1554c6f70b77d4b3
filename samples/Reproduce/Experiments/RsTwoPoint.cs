using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>Sun et al. §3, Claims 3.1/3.2: the two-point landscape values φ(Y, X) of every bounded loss (samples/Landscape2Point).</summary>
internal sealed class RsTwoPoint : IExperiment
{
    public string Id => "rs-2point";
    public string Title => "RS-GAN 2-point landscape: φ(Y, X) at each state (Claims 3.1, 3.2)";
    public string Paper => "Sun, Fang, Schwing 2020, Towards a better global loss landscape of GANs, §3";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        var (_, command) = context.Samples.Run("Landscape2Point", ["--out", context.Directory], Path.Combine(context.Directory, "stdout.log"));
        var csv = CsvTable.Read(Path.Combine(context.Directory, "landscape2point.csv"));
        var claims = new List<Claim>();
        foreach (var loss in csv.Rows.Select(r => csv.Cell(r, "loss")).Distinct())
        {
            var rows = csv.Where("loss", loss).Where(r => csv.Number(r, "paper") is not null).ToArray();
            if (rows.Length == 0) continue;
            double worst = rows.Max(r => csv.Number(r, "abs_diff")!.Value);
            string values = string.Join(", ", rows.Select(r => string.Create(ci, $"{csv.Cell(r, "state")} {csv.Number(r, "ours"):F4}")));
            string paper = string.Join(", ", rows.Select(r => string.Create(ci, $"{csv.Cell(r, "state")} {csv.Number(r, "paper"):F4}")));
            claims.Add(Claim.Check($"{loss}: φ at every state", paper, values + string.Create(ci, $" (max |Δ| {worst:E1})"), worst < 1e-3,
                "the discriminator optimised numerically on MlGan's loss tensors reaches the closed form", "the numerical optimum differs from the closed form"));
        }
        if (claims.Count == 0) throw new InvalidDataException("landscape2point.csv has no rows with a paper value.");
        return new ExperimentOutcome(claims, [command], []);
    }
}
