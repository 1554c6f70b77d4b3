using Microsoft.ML;

namespace MlGan.Transforms.Data;

/// <summary>The synthetic targets by the short names the CLI and samples use.</summary>
public static class SyntheticTargets
{
    /// <summary>The names <see cref="ByName"/> accepts: ring8, grid25, two-cluster, two-moons, two-point.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "ring8", "grid25", "two-cluster", "two-moons", "two-point" };

    /// <summary>The <see cref="GanDataCatalog"/> target called <paramref name="name"/>, with that method's defaults.</summary>
    /// <param name="data">The catalog that builds the view (<c>ml.Gan().Data</c>).</param>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="count">Rows: ≥ 1, or ≥ 2 for two-point.</param>
    /// <param name="seed">Seed of the draws; null draws one from the MLContext. Two-point is deterministic and ignores it.</param>
    /// <returns>A view with one <c>Features</c> vector&lt;float&gt; column.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Names"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
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
