namespace MlGan.Transforms.Data;

/// <summary>
/// An isotropic Gaussian mixture Σ w_i N(μ_i, σ²I): the synthetic targets of the papers (ring, grid,
/// two-cluster, imbalanced mixtures). Mixture metrics read <see cref="Means"/> and <see cref="Std"/>.
/// </summary>
public sealed class GaussianMixture
{
    /// <summary>A mixture of one Gaussian per mean, all with standard deviation <paramref name="std"/>.</summary>
    /// <param name="means">One finite mean per mode, all of the same dimension ≥ 1; copied.</param>
    /// <param name="std">σ, the per-coordinate standard deviation of every mode; finite, &gt; 0.</param>
    /// <param name="weights">One finite weight ≥ 0 per mode, not all zero, normalised here. Default: equal weights.</param>
    /// <exception cref="ArgumentNullException"><paramref name="means"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No mode, a non-finite mean, σ ≤ 0, or a negative, infinite or all-zero weight.</exception>
    /// <exception cref="ArgumentException">Means of different dimensions, or not one weight per mode.</exception>
    public GaussianMixture(double[][] means, double std, double[]? weights = null)
    {
        Guard.NotNull(means, nameof(means));
        if (means.Length == 0) throw new ArgumentOutOfRangeException(nameof(means), "means must hold at least one mode.");
        int dim = means[0].Length;
        Guard.Positive(dim, "means[0].Length");
        foreach (var (m, i) in means.Select((m, i) => (m, i)))
        {
            if (m.Length != dim)
                throw new ArgumentException($"means[{i}] has dimension {m.Length}; every mode must have dimension {dim}.", nameof(means));
            Guard.AllFinite(m, $"means[{i}]");
        }
        Guard.Positive(std, nameof(std));
        weights ??= Enumerable.Repeat(1.0, means.Length).ToArray();
        if (weights.Length != means.Length)
            throw new ArgumentException($"weights has {weights.Length} entries; it must have one per mode ({means.Length}).", nameof(weights));
        foreach (var w in weights)
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"weights must be finite and ≥ 0; got {w}.");
        double total = weights.Sum();
        if (!(total > 0)) throw new ArgumentOutOfRangeException(nameof(weights), "weights must not all be zero.");
        Means = means.Select(m => (double[])m.Clone()).ToArray();
        Std = std;
        Weights = weights.Select(w => w / total).ToArray();
    }

    /// <summary>μ_i, one mean per mode (<see cref="Modes"/> × <see cref="Dimension"/>).</summary>
    public double[][] Means { get; }
    /// <summary>σ, the standard deviation of every coordinate of every mode (&gt; 0).</summary>
    public double Std { get; }
    /// <summary>Mixture weights, normalised to sum to 1.</summary>
    public double[] Weights { get; }
    /// <summary>Dimension of a sample (≥ 1).</summary>
    public int Dimension => Means[0].Length;
    /// <summary>Number of mixture components (≥ 1).</summary>
    public int Modes => Means.Length;

    /// <summary>Modes equally spaced on a circle of the given radius (the "ring8" target at 8 modes).</summary>
    public static GaussianMixture Ring(int modes, double radius, double std)
    {
        Guard.Positive(modes, nameof(modes));
        Guard.Positive(radius, nameof(radius));
        var means = Enumerable.Range(0, modes)
            .Select(i => new[] { radius * Math.Cos(2 * Math.PI * i / modes), radius * Math.Sin(2 * Math.PI * i / modes) })
            .ToArray();
        return new GaussianMixture(means, std);
    }

    /// <summary>A side × side grid of modes centred at the origin (the "grid25" target: side 5, spacing 2).</summary>
    public static GaussianMixture Grid(int side, double spacing, double std)
    {
        Guard.Positive(side, nameof(side));
        Guard.Positive(spacing, nameof(spacing));
        double offset = (side - 1) / 2.0;
        var means = (from i in Enumerable.Range(0, side)
                     from j in Enumerable.Range(0, side)
                     select new[] { (i - offset) * spacing, (j - offset) * spacing }).ToArray();
        return new GaussianMixture(means, std);
    }

    /// <summary>1-D clusters at the given centres (RS-GAN §5 uses centres 0 and 4).</summary>
    public static GaussianMixture Clusters1D(double[] centres, double std, double[]? weights = null)
    {
        Guard.NotNull(centres, nameof(centres));
        return new GaussianMixture(centres.Select(c => new[] { c }).ToArray(), std, weights);
    }

    /// <summary>Draws <paramref name="count"/> samples as rows of a count × dimension array.</summary>
    public float[][] Sample(int count, SeededRandom random)
    {
        Guard.Positive(count, nameof(count));
        var rows = new float[count][];
        for (int n = 0; n < count; n++)
        {
            var mean = Means[random.Categorical(Weights, 1.0)];
            var row = new float[Dimension];
            for (int d = 0; d < row.Length; d++) row[d] = (float)(mean[d] + Std * random.Normal());
            rows[n] = row;
        }
        return rows;
    }
}
