namespace MlGan.Evaluation.Tests;

/// <summary>
/// Brute-force precision/recall and density/coverage in double precision, written from the papers'
/// definitions: every distance by summing squared differences, radii by sorting, counts by plain loops.
/// Returns integer counts so that tests can demand exactly the library's counts.
/// </summary>
internal static class ManifoldReference
{
    public static double Distance(float[] a, float[] b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double diff = (double)a[j] - b[j];
            sum += diff * diff;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Distance from each point to its k-th nearest other point (index excluded, duplicates kept).</summary>
    public static double[] KthNeighbourRadii(float[][] points, int k) =>
        points.Select((p, i) => points.Where((_, j) => j != i).Select(q => Distance(p, q)).OrderBy(v => v).ElementAt(k - 1)).ToArray();

    /// <summary>(fakes inside some real ball, reals inside some fake ball), membership d ≤ r.</summary>
    public static (int FakesInReal, int RealsInFake) PrecisionRecallCounts(float[][] real, float[][] fake, int k)
    {
        var realRadii = KthNeighbourRadii(real, k);
        var fakeRadii = KthNeighbourRadii(fake, k);
        int fakesInReal = fake.Count(y => real.Where((x, i) => Distance(y, x) <= realRadii[i]).Any());
        int realsInFake = real.Count(x => fake.Where((y, j) => Distance(x, y) <= fakeRadii[j]).Any());
        return (fakesInReal, realsInFake);
    }

    /// <summary>(Σ_j Σ_i 1[d(Y_j, X_i) &lt; r_i], Σ_i 1[min_j d(X_i, Y_j) &lt; r_i]) with real radii only.</summary>
    public static (long PairsInside, int CoveredReals) DensityCoverageCounts(float[][] real, float[][] fake, int k)
    {
        var radii = KthNeighbourRadii(real, k);
        long pairs = 0;
        foreach (var y in fake)
            for (int i = 0; i < real.Length; i++)
                if (Distance(y, real[i]) < radii[i]) pairs++;
        int covered = real.Where((x, i) => fake.Min(y => Distance(x, y)) < radii[i]).Count();
        return (pairs, covered);
    }
}
