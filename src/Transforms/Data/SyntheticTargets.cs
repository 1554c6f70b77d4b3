using Microsoft.ML;

namespace MlGan.Transforms.Data;

/// <summary>The synthetic targets by the short names the CLI and samples use.</summary>
public static class SyntheticTargets
{
    public static readonly IReadOnlyList<string> Names = new[] { "ring8", "grid25", "two-cluster", "two-moons", "two-point" };

    public static IDataView ByName(GanDataCatalog data, string name, int count, int? seed = null) => name switch
    {
        "ring8" => data.GaussianRing(count: count, seed: seed),
        "grid25" => data.GaussianGrid(count: count, seed: seed),
        "two-cluster" => data.TwoCluster(count: count, seed: seed),
        "two-moons" => data.TwoMoons(count: count, seed: seed),
        "two-point" => data.TwoPoint(count: count),
        _ => throw new ArgumentException($"Unknown target '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The mixture behind a named target, for mixture metrics (null for targets that are not mixtures).</summary>
    public static GaussianMixture? MixtureOf(string name) => name switch
    {
        "ring8" => GaussianMixture.Ring(8, Math.Sqrt(2), 0.1),
        "grid25" => GaussianMixture.Grid(5, 2.0, 0.05),
        "two-cluster" => GaussianMixture.Clusters1D(new[] { 0.0, 4.0 }, 0.1),
        _ => null,
    };
}
