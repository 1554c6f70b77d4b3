namespace MlGan.Trainers.GmmGan;

/// <summary>One dynamics' heatmap: per grid point [i, j] (μ̂1(0) = x_i, μ̂2(0) = x_j) the success rate and diagnostics.</summary>
public sealed class GmmHeatmapLayer
{
    internal GmmHeatmapLayer(GmmDynamicsKind kind, int grid)
    {
        Kind = kind;
        SuccessRate = new double[grid, grid];
        ParameterSuccessRate = new double[grid, grid];
        CollapseRate = new double[grid, grid];
        MeanTotalVariation = new double[grid, grid];
        EarlyStopRate = new double[grid, grid];
    }

    /// <summary>The dynamics this layer ran.</summary>
    public GmmDynamicsKind Kind { get; }

    /// <summary>Fraction of repeats ending with TV &lt; threshold.</summary>
    public double[,] SuccessRate { get; }

    /// <summary>
    /// Fraction of repeats whose sorted means end within the threshold of μ* in every coordinate. Not the paper's
    /// stated criterion; reported because TV &lt; 0.1 also accepts a mode-collapsed N(μ, 1) near μ = 0
    /// (TV(N(0,1), G_μ*) ≈ 0.058 for μ* = (−0.5, 0.5)).
    /// </summary>
    public double[,] ParameterSuccessRate { get; }

    /// <summary>Fraction of repeats in which a discriminator interval collapsed to width 0.</summary>
    public double[,] CollapseRate { get; }

    /// <summary>Mean final TV(G_μ*, G_μ̂(T)) over the repeats.</summary>
    public double[,] MeanTotalVariation { get; }

    /// <summary>Fraction of repeats that reached an exact fixed point before the last step.</summary>
    public double[,] EarlyStopRate { get; }

    /// <summary>Wall-clock seconds this dynamics took.</summary>
    public double Seconds { get; internal set; }

    /// <summary>Mean success rate over the grid points off the diagonal μ̂1(0) = μ̂2(0) (where all dynamics must fail).</summary>
    public double OffDiagonalMeanSuccess => OffDiagonalMean(SuccessRate);

    /// <summary>Mean success rate on the diagonal.</summary>
    public double DiagonalMeanSuccess => DiagonalMean(SuccessRate);

    /// <summary>Mean of <paramref name="map"/> over the cells with i ≠ j.</summary>
    public static double OffDiagonalMean(double[,] map)
    {
        int n = map.GetLength(0);
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) sum += map[i, j];
        return sum / (n * (n - 1));
    }

    /// <summary>Mean of <paramref name="map"/> over the cells with i = j.</summary>
    public static double DiagonalMean(double[,] map)
    {
        int n = map.GetLength(0);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += map[i, i];
        return sum / n;
    }
}
