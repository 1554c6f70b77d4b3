namespace MlGan.Samples.Overparameterization;

/// <summary>
/// min_{h ≥ 0} ‖A h − b‖² by cyclic coordinate descent (exact minimisation per coordinate, then clip at 0).
/// Used as the global optimum of Sajedi et al.'s Eq. 5 for a fixed V: with z ~ N(0, I), E ReLU(w·z) = ‖w‖/√(2π),
/// so the generated mean is V·h with h_l = ‖w_l‖/√(2π) ≥ 0 free — the reachable means are exactly the cone V·R₊ᵏ.
/// </summary>
internal static class NonNegativeLeastSquares
{
    /// <param name="a">Columns a_l (k of them, each of length m).</param>
    /// <returns>The minimal ‖A h − b‖² / m (a mean squared error per coordinate).</returns>
    public static double MinimalMse(double[][] a, double[] b, int sweeps = 4000, double tolerance = 1e-14)
    {
        int k = a.Length, m = b.Length;
        var h = new double[k];
        var residual = (double[])b.Clone();            // r = b − A h, h = 0
        var norms = a.Select(col => col.Sum(v => v * v)).ToArray();
        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            double largest = 0;
            for (int l = 0; l < k; l++)
            {
                if (norms[l] == 0) continue;
                double dot = 0;
                var col = a[l];
                for (int j = 0; j < m; j++) dot += col[j] * residual[j];
                double next = Math.Max(0, h[l] + dot / norms[l]);
                double delta = next - h[l];
                if (delta == 0) continue;
                for (int j = 0; j < m; j++) residual[j] -= delta * col[j];
                h[l] = next;
                largest = Math.Max(largest, Math.Abs(delta) * Math.Sqrt(norms[l]));
            }
            if (largest < tolerance) break;
        }
        return residual.Sum(r => r * r) / m;
    }
}
