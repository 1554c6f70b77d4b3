using MlGan.Transforms;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// Streaming first and second moments of d-dimensional features in float64: the running mean μ and the
/// co-moment matrix M = Σ_i (x_i − μ)(x_i − μ)ᵀ over every row seen so far. Memory is O(d²) however many
/// rows stream through, and two accumulators over disjoint rows merge exactly, so a feature set can be
/// processed in batches, in shards on different machines, or both.
/// </summary>
/// <remarks>
/// Each batch's own mean and co-moment are computed in float64 (one matmul, so d = 2048 is cheap) and
/// combined with the running ones by Chan, Golub and LeVeque's pairwise update: for parts a and b with
/// n = n_a + n_b and δ = μ_b − μ_a, μ = μ_a + δ·n_b/n and M = M_a + M_b + δδᵀ·n_a·n_b/n. Centring each
/// batch on its own mean before the outer products avoids the cancellation of Σxxᵀ − nμμᵀ when the
/// features have a large mean. An instance is not thread-safe: give each worker its own and
/// <see cref="Merge"/> them.
/// </remarks>
public sealed class RunningMoments
{
    // Large batches are processed in slices of about 4M values, so the float64 copy stays bounded.
    private const int SliceValues = 1 << 22;

    private readonly double[] _mean;
    private readonly double[] _comoment;

    /// <summary>An empty accumulator for <paramref name="dimension"/>-dimensional rows.</summary>
    public RunningMoments(int dimension)
    {
        Guard.Positive(dimension, nameof(dimension));
        if ((long)dimension * dimension > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension {dimension} makes a {dimension}×{dimension} co-moment matrix too large for one array.");
        Dimension = dimension;
        _mean = new double[dimension];
        _comoment = new double[(long)dimension * dimension];
    }

    private int ChunkRows => Math.Max(1, SliceValues / Dimension);

    /// <summary>The feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of rows accumulated so far.</summary>
    public long Count { get; private set; }

    /// <summary>A copy of the running mean μ (zeros while <see cref="Count"/> is 0).</summary>
    public double[] Mean => (double[])_mean.Clone();

    /// <summary>A copy of the co-moment matrix M = Σ (x − μ)(x − μ)ᵀ, d × d row-major.</summary>
    public double[] Comoment => (double[])_comoment.Clone();

    /// <summary>
    /// Adds <paramref name="rows"/> rows stored row-major in <paramref name="rowMajor"/>
    /// (<c>rows × Dimension</c> values, all finite). Bad input changes nothing.
    /// </summary>
    public void Add(ReadOnlySpan<float> rowMajor, int rows)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must be ≥ 0; got {rows}.");
        if (rowMajor.Length != (long)rows * Dimension)
            throw new ArgumentException($"rowMajor has {rowMajor.Length} values; {rows} rows of dimension {Dimension} need {(long)rows * Dimension}.", nameof(rowMajor));
        // Check everything before touching the state, so a bad row leaves the accumulator as it was.
        for (int k = 0; k < rowMajor.Length; k++)
            if (!float.IsFinite(rowMajor[k])) throw NonFinite(nameof(rowMajor), k / Dimension, k % Dimension, rowMajor[k]);
        for (int start = 0; start < rows; start += ChunkRows)
        {
            int count = Math.Min(ChunkRows, rows - start);
            var values = new double[(long)count * Dimension];
            var slice = rowMajor.Slice(start * Dimension, count * Dimension);
            for (int k = 0; k < slice.Length; k++) values[k] = slice[k];
            AddChecked(values, count);
        }
    }

    /// <summary>Adds a batch of rows, each of length <see cref="Dimension"/> with finite values. Bad input changes nothing.</summary>
    public void Add(IReadOnlyList<float[]> rows)
    {
        Guard.NotNull(rows, nameof(rows));
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"rows[{i}] is null.", nameof(rows));
            if (row.Length != Dimension)
                throw new ArgumentException($"rows[{i}] has {row.Length} values; this accumulator holds {Dimension}-dimensional features.", nameof(rows));
            for (int j = 0; j < Dimension; j++)
                if (!float.IsFinite(row[j])) throw NonFinite(nameof(rows), i, j, row[j]);
        }
        for (int start = 0; start < rows.Count; start += ChunkRows)
        {
            int count = Math.Min(ChunkRows, rows.Count - start);
            var values = new double[(long)count * Dimension];
            for (int i = 0; i < count; i++)
            {
                var row = rows[start + i];
                for (int j = 0; j < Dimension; j++) values[(long)i * Dimension + j] = row[j];
            }
            AddChecked(values, count);
        }
    }

    /// <summary>Adds the rows of a floating-point tensor [rows, Dimension] (any device; all finite).</summary>
    public void Add(Tensor rows)
    {
        TorchNative.EnsureAvailable();
        FeatureChecks.CheckTensor(rows, nameof(rows), minRows: 0);
        if (rows.shape[1] != Dimension)
            throw new ArgumentException($"rows has {rows.shape[1]} features per row; this accumulator holds {Dimension}.", nameof(rows));
        if (rows.shape[0] == 0) return;
        using var scope = NewDisposeScope();
        var values = rows.to(ScalarType.Float64, CPU).contiguous().data<double>().ToArray();
        AddChecked(values, (int)rows.shape[0]);
    }

    /// <summary>Folds in the rows accumulated by <paramref name="other"/> (which is left unchanged).</summary>
    public void Merge(RunningMoments other)
    {
        Guard.NotNull(other, nameof(other));
        if (other.Dimension != Dimension)
            throw new ArgumentException($"other holds {other.Dimension}-dimensional moments; this accumulator holds {Dimension}.", nameof(other));
        Combine(other._mean, other._comoment, other.Count);
    }

    /// <summary>
    /// The statistics of everything accumulated: μ and Σ = M / (n − 1). Needs n ≥ 2.
    /// <paramref name="provenance"/>, when given, must describe <see cref="Dimension"/> features; its
    /// <see cref="StatisticsProvenance.Count"/> must be <see cref="Count"/> or 0 (then it is filled in).
    /// </summary>
    public FeatureStatistics ToStatistics(StatisticsProvenance? provenance = null)
    {
        if (Count < 2)
            throw new InvalidOperationException($"Statistics need at least 2 rows (a sample covariance divides by n − 1); {Count} accumulated.");
        var covariance = new double[_comoment.Length];
        double scale = 1.0 / (Count - 1);
        for (long i = 0; i < covariance.LongLength; i++) covariance[i] = _comoment[i] * scale;
        var stamped = provenance is null ? null : FeatureStatistics.Stamp(provenance, Dimension, Count, nameof(provenance));
        return FeatureStatistics.FromOwnedMoments((double[])_mean.Clone(), covariance, Count, stamped);
    }

    /// <summary>
    /// An accumulator holding the moments of <paramref name="statistics"/>: μ and M = Σ·(n − 1), as if its
    /// n rows had been added. The statistics must carry their sample count (pytorch-fid's and clean-fid's
    /// .npz files do not).
    /// </summary>
    public static RunningMoments FromStatistics(FeatureStatistics statistics)
    {
        Guard.NotNull(statistics, nameof(statistics));
        if (!statistics.HasCount)
            throw new ArgumentException("statistics carry no sample count (e.g. a pytorch-fid or clean-fid .npz); combining moments needs each part's n.", nameof(statistics));
        var moments = new RunningMoments(statistics.Dimension);
        statistics.MeanSpan.CopyTo(moments._mean);
        var covariance = statistics.CovarianceArray;
        double scale = statistics.Count - 1;
        for (long i = 0; i < covariance.LongLength; i++) moments._comoment[i] = covariance[i] * scale;
        moments.Count = statistics.Count;
        return moments;
    }

    private void AddChecked(double[] values, int rows)
    {
        if (rows == 1)
        {
            // A single row has co-moment 0 about its own mean: Welford's update, no matmul needed.
            Combine(values, null, 1);
            return;
        }
        TorchNative.EnsureAvailable();
        using var scope = NewDisposeScope();
        var x = torch.tensor(values, new long[] { rows, Dimension });
        var mean = x.mean(new long[] { 0 });
        var centred = x - mean;
        var comoment = centred.t().matmul(centred);
        Combine(mean.data<double>().ToArray(), comoment.contiguous().data<double>().ToArray(), rows);
    }

    // Chan et al.'s pairwise combination of (n_a, μ_a, M_a) = this with (n_b, μ_b, M_b); a null M_b is 0.
    private void Combine(double[] meanB, double[]? comomentB, long countB)
    {
        if (countB == 0) return;
        long countA = Count, total = countA + countB;
        int d = Dimension;
        var delta = new double[d];
        for (int i = 0; i < d; i++) delta[i] = meanB[i] - _mean[i];
        double weight = (double)countA * countB / total;
        for (int i = 0; i < d; i++)
        {
            double scaled = delta[i] * weight;
            long rowStart = (long)i * d;
            for (int j = 0; j < d; j++)
                _comoment[rowStart + j] += (comomentB is null ? 0 : comomentB[rowStart + j]) + scaled * delta[j];
        }
        double fraction = (double)countB / total;
        for (int i = 0; i < d; i++) _mean[i] += delta[i] * fraction;
        Count = total;
    }

    private ArgumentException NonFinite(string name, int row, int column, float value) =>
        new($"{name} row {row} (row {Count + row} of the stream), column {column} is {value}; features must be finite.", name);
}
