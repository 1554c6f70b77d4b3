using System.Globalization;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>No et al. Figure 5: where descent on J(θ) ends for a narrow (Ng = 2) and a wider (Ng = 10) generator (samples/Landscape).</summary>
internal sealed class RandomFeatureLandscape : IExperiment
{
    public string Id => "rfwgan-fig5";
    public string Title => "Random-feature WGAN Figure 5: J(θ) landscape census, Ng = 2 vs Ng = 10";
    public string Paper => "No et al. 2021, §5";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        string[] args = context.Quick ? ["--inits", "25"] : [];
        var (_, command) = context.Samples.Run("Landscape", [.. args, "--out", context.Directory], Path.Combine(context.Directory, "stdout.log"));
        (int Global, int Spurious, int Open, int Levels) Census(int ng)
        {
            var csv = CsvTable.Read(Path.Combine(context.Directory, $"census_ng{ng}.csv"));
            int Count(string kind) => csv.Rows.Count(r => csv.Cell(r, "kind") == kind);
            // Distinct spurious minima, told apart by their final J to two significant digits.
            int levels = csv.Where("kind", "Spurious").Select(r => csv.Number(r, "final_J")!.Value.ToString("E1", ci)).Distinct().Count();
            return (Count("Global"), Count("Spurious"), Count("NotConverged"), levels);
        }
        var narrow = Census(2);
        var wide = Census(10);
        string Text((int Global, int Spurious, int Open, int Levels) c) => $"{c.Global} global, {c.Spurious} spurious ({c.Levels} distinct J levels), {c.Open} not converged";
        var claims = new List<Claim>
        {
            Claim.Check("Ng = 2 has non-global local minima", "\"The first Ng = 2 example has multiple non-global local minima\"", Text(narrow),
                narrow.Spurious > 0 && narrow.Levels >= 2, "descent stalls at ≥ 2 distinct spurious stationary values", "no (or only one) spurious basin found"),
            Claim.Check("Ng = 10 has no spurious stationary points", "\"The second Ng = 10 example has no spurious stationary points\"", Text(wide),
                wide.Spurious == 0 && wide.Global > 0, "no start ends at a spurious stationary point; the runs that converged reached J ≈ 0",
                "some start ended at a spurious stationary point"),
        };
        return new ExperimentOutcome(claims, [command], context.Figures("landscape_ng2.png", "landscape_ng10.png"));
    }
}
