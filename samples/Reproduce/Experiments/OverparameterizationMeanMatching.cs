using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// Balaji et al. Figure 2 (Gaussian data, Theorems 2.1/2.2) and Figure 9 (two moons): final MSE between the data mean
/// and the generated mean as the generator's hidden width k grows (samples/Overparameterization --part fig2,fig9).
/// </summary>
internal sealed class OverparameterizationMeanMatching : IExperiment
{
    public string Id => "overparam-fig2-fig9";
    public string Title => "Overparameterization Figures 2 and 9: mean-matching GAN, final MSE vs hidden width k";
    public string Paper => "Balaji, Sajedi, Kalibhat, Ding, Stöger, Soltanolkotabi, Feizi 2021, Understanding overparameterization in GANs, §2.3 and App. Fig. 9";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        string[] args = context.Quick ? ["--part", "fig2,fig9", "--quick"] : ["--part", "fig2,fig9"];
        var (_, command) = context.Samples.Run("Overparameterization", [.. args, "--out", context.Directory], Path.Combine(context.Directory, "stdout.log"));
        var csv = CsvTable.Read(Path.Combine(context.Directory, "final_mse.csv"));
        var claims = new List<Claim>();
        foreach (var group in csv.Rows.GroupBy(r => (Figure: csv.Cell(r, "figure"), Update: csv.Cell(r, "update"))))
        {
            var byK = group.GroupBy(r => int.Parse(csv.Cell(r, "k"), ci)).OrderBy(g => g.Key)
                .Select(g => (K: g.Key, Mse: Stats.Median(g.Select(r => csv.Number(r, "final_mse")!.Value)))).ToArray();
            var first = byK[0];
            var last = byK[^1];
            string figure = group.Key.Figure == "fig2" ? "Fig. 2 (Gaussian data)" : "Fig. 9 (two moons)";
            claims.Add(Claim.Check($"{figure}, {group.Key.Update}: MSE → 0 as k grows",
                "\"overparameterized GAN models show improved convergence … the MSE loss converges to 0 for larger values of k\"",
                string.Create(ci, $"median final MSE {first.Mse:E1} at k = {first.K} → {last.Mse:E1} at k = {last.K} ({string.Join(", ", byK.Select(p => $"{p.K}: {p.Mse:E1}"))})"),
                last.Mse <= 1e-2 * first.Mse, "the widest model's MSE is ≥ 100× below the narrowest's",
                "the MSE falls by less than 100× over the sweep at this budget"));
        }
        return new ExperimentOutcome(claims, [command], context.Figures("fig2_final_mse.png", "fig2_gda_curves.png", "fig9_final_mse.png"));
    }
}
