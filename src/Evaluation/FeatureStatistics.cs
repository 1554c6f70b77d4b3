using MlGan.Transforms;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// First and second moments of a feature set: mean μ, sample covariance Σ (divided by n − 1) and the
/// sample count n, all in float64, with optional <see cref="Provenance"/>. What a Fréchet distance needs,
/// and what is worth caching for a fixed reference set (<see cref="Save(string)"/> / <see cref="Load"/>, in
/// MlGan's checksummed format or as a pytorch-fid / clean-fid compatible .npz).
/// </summary>
/// <remarks>
/// The sample count may be unknown (<see cref="UnknownCount"/>): pytorch-fid's and clean-fid's .npz files
/// carry only μ and Σ. A Fréchet distance does not need n; <see cref="Merge"/> and
/// <see cref="RunningMoments.FromStatistics"/> do, and refuse such statistics.
/// </remarks>
public sealed class FeatureStatistics
{
    /// <summary>The version <see cref="Save(string)"/> writes; <see cref="Load"/> also reads version 1 (no provenance).</summary>
    public const int FormatVersion = 2;

    /// <summary>The <see cref="Count"/> of statistics whose sample count is not known (e.g. read from a pytorch-fid .npz).</summary>
    public const long UnknownCount = 0;

    private readonly double[] _mean;
    private readonly double[] _covariance;

    /// <summary>
    /// Statistics from given moments; <paramref name="covariance"/> is d × d row-major and
    /// <paramref name="count"/> is ≥ 2, or <see cref="UnknownCount"/> when the moments come without one.
    /// </summary>
    public FeatureStatistics(double[] mean, double[] covariance, long count)
    {
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(covariance, nameof(covariance));
        Guard.Positive(mean.Length, "mean.Length");
        if (covariance.LongLength != (long)mean.Length * mean.Length)
            throw new ArgumentException(
                $"covariance has {covariance.LongLength} entries; a {mean.Length}-dimensional mean needs {mean.Length}×{mean.Length} = {(long)mean.Length * mean.Length} (row-major).",
                nameof(covariance));
        if (count < 2 && count != UnknownCount)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be ≥ 2 (a sample covariance needs two samples), or UnknownCount (0); got {count}.");
        Guard.AllFinite(mean, nameof(mean));
        Guard.AllFinite(covariance, nameof(covariance));
        _mean = (double[])mean.Clone();
        _covariance = (double[])covariance.Clone();
        Count = count;
    }

    // Takes ownership of the arrays (no copy) for internal producers, which have checked them.
    private FeatureStatistics(double[] mean, double[] covariance, long count, StatisticsProvenance? provenance)
    {
        _mean = mean;
        _covariance = covariance;
        Count = count;
        Provenance = provenance;
    }

    /// <summary>Length d of each feature vector.</summary>
    public int Dimension => _mean.Length;
    /// <summary>Number of samples the moments were computed from; <see cref="UnknownCount"/> (0) when not known.</summary>
    public long Count { get; }
    /// <summary>Whether <see cref="Count"/> is known (false for statistics imported from pytorch-fid / clean-fid).</summary>
    public bool HasCount => Count != UnknownCount;
    /// <summary>Where the statistics came from; null when not recorded (e.g. format version 1 files, foreign .npz).</summary>
    public StatisticsProvenance? Provenance { get; }
    /// <summary>A copy of μ.</summary>
    public double[] Mean => (double[])_mean.Clone();
    /// <summary>A copy of Σ, d × d row-major.</summary>
    public double[] Covariance => (double[])_covariance.Clone();

    internal ReadOnlySpan<double> MeanSpan => _mean;
    internal double[] CovarianceArray => _covariance;

    /// <summary>Wraps checked arrays without copying them (file readers, <see cref="RunningMoments"/>).</summary>
    internal static FeatureStatistics FromOwnedMoments(double[] mean, double[] covariance, long count, StatisticsProvenance? provenance) =>
        new(mean, covariance, count, provenance);

    /// <summary>
    /// The same moments with <paramref name="provenance"/> attached. It must describe <see cref="Dimension"/>
    /// features, and its <see cref="StatisticsProvenance.Count"/> must equal <see cref="Count"/> or be 0 (then
    /// it is filled in).
    /// </summary>
    public FeatureStatistics WithProvenance(StatisticsProvenance provenance)
    {
        Guard.NotNull(provenance, nameof(provenance));
        return new FeatureStatistics(_mean, _covariance, Count, Stamp(provenance, Dimension, Count, nameof(provenance)));
    }

    /// <summary>Checks provenance against the moments it is to describe and fills in an unset count.</summary>
    internal static StatisticsProvenance Stamp(StatisticsProvenance provenance, int dimension, long count, string name)
    {
        if (provenance.FeatureDimension != dimension)
            throw new ArgumentException($"{name} records {provenance.FeatureDimension} features but the statistics have {dimension}.", name);
        if (provenance.Count == count) return provenance;
        if (provenance.Count == 0) return provenance with { Count = count };
        throw new ArgumentException($"{name} records {provenance.Count} samples but the statistics summarise {(count == UnknownCount ? "an unknown number" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}.", name);
    }

    /// <summary>Moments of the rows of <paramref name="features"/> (n × d, n ≥ 2, all finite).</summary>
    public static FeatureStatistics FromFeatures(float[][] features) => FromFeatures(features, nameof(features));

    internal static FeatureStatistics FromFeatures(float[][] features, string name)
    {
        TorchNative.EnsureAvailable();
        var (flat, n, d) = FeatureChecks.Flatten(features, name);
        using var scope = NewDisposeScope();
        using var x = torch.tensor(flat, new long[] { n, d });
        return FromCheckedTensor(x);
    }

    /// <summary>Moments of the rows of a float tensor [n, d] (n ≥ 2, all finite; any device).</summary>
    public static FeatureStatistics FromFeatures(Tensor features) => FromFeatures(features, nameof(features));

    internal static FeatureStatistics FromFeatures(Tensor features, string name)
    {
        TorchNative.EnsureAvailable();
        FeatureChecks.CheckTensor(features, name);
        using var scope = NewDisposeScope();
        return FromCheckedTensor(features);
    }

    private static FeatureStatistics FromCheckedTensor(Tensor features)
    {
        using var scope = NewDisposeScope();
        long n = features.shape[0], d = features.shape[1];
        var x = features.to(ScalarType.Float64, CPU);
        var mean = x.mean(new long[] { 0 });
        var centred = x - mean;
        // One matmul for the covariance; float64 accumulation keeps large-mean features accurate.
        var cov = centred.t().matmul(centred).div_(n - 1);
        return new FeatureStatistics(mean.data<double>().ToArray(), cov.contiguous().data<double>().ToArray(), n, null);
    }

    /// <summary>
    /// Exact statistics of the union of disjoint sample sets from their parts' statistics (through
    /// <see cref="RunningMoments"/>), e.g. shards computed on different machines. Every part needs a known
    /// count and the same dimension, and the parts' provenance must be comparable
    /// (<see cref="StatisticsProvenance.Mismatches"/> empty) and present on all parts or none. The result's
    /// provenance is the first part's with Count = the total, Shard = null, and Source = the parts' common
    /// source (their distinct sources joined by "; " when they differ).
    /// </summary>
    public static FeatureStatistics Merge(IReadOnlyList<FeatureStatistics> parts)
    {
        Guard.NotNull(parts, nameof(parts));
        if (parts.Count == 0) throw new ArgumentException("parts is empty; merging needs at least one set of statistics.", nameof(parts));
        for (int i = 0; i < parts.Count; i++)
            if (parts[i] is null) throw new ArgumentException($"parts[{i}] is null.", nameof(parts));
        var problems = new List<string>();
        var first = parts[0];
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (!part.HasCount) problems.Add($"parts[{i}] has no sample count (e.g. a pytorch-fid or clean-fid .npz); merging needs each part's n.");
            if (part.Dimension != first.Dimension) problems.Add($"parts[{i}] has {part.Dimension} features; parts[0] has {first.Dimension}.");
            if (i == 0) continue;
            if ((part.Provenance is null) != (first.Provenance is null))
                problems.Add($"parts[{i}] {(part.Provenance is null ? "has no provenance" : "has provenance")} but parts[0] {(first.Provenance is null ? "has none" : "has")}.");
            else if (part.Provenance is { } p && first.Provenance is { } p0)
                problems.AddRange(StatisticsProvenance.Mismatches(p0, p).Select(m => $"parts[{i}] vs parts[0]: {m}"));
        }
        if (problems.Count > 0)
            throw new ArgumentException($"Cannot merge these statistics:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}", nameof(parts));

        var moments = RunningMoments.FromStatistics(first);
        for (int i = 1; i < parts.Count; i++) moments.Merge(RunningMoments.FromStatistics(parts[i]));
        StatisticsProvenance? provenance = null;
        if (first.Provenance is { } firstProvenance)
        {
            var sources = parts.Select(part => part.Provenance!.Source).Where(source => source is not null).Distinct(StringComparer.Ordinal).ToArray();
            provenance = firstProvenance with
            {
                Count = moments.Count,
                Shard = null,
                Source = sources.Length == 0 ? null : string.Join("; ", sources),
            };
        }
        return moments.ToStatistics(provenance);
    }

    /// <summary>
    /// Writes the statistics in MlGan's checksummed binary format, version <see cref="FormatVersion"/>
    /// (atomically: temp file + rename).
    /// </summary>
    public void Save(string path) => Save(path, StatisticsFileFormat.MlGan);

    /// <summary>Writes the statistics in the given format (atomically: temp file + rename).</summary>
    public void Save(string path, StatisticsFileFormat format)
    {
        Guard.NotNull(path, nameof(path));
        Action<Stream> write = format switch
        {
            StatisticsFileFormat.MlGan => stream => MlGanStatisticsFile.Write(this, stream),
            StatisticsFileFormat.Npz => stream => NpzStatisticsFile.Write(this, stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"format must be {nameof(StatisticsFileFormat.MlGan)} or {nameof(StatisticsFileFormat.Npz)}."),
        };
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes a NumPy .npz that pytorch-fid and clean-fid read as reference statistics: <c>mu</c> float64 [d]
    /// and <c>sigma</c> float64 [d, d], plus <c>mlgan_count</c> (int64 scalar, when the count is known) and
    /// <c>mlgan_provenance</c> (uint8 [L], the provenance JSON, when present). Atomic, like <see cref="Save(string)"/>.
    /// </summary>
    public void SaveNpz(string path) => Save(path, StatisticsFileFormat.Npz);

    /// <summary>
    /// Whether <paramref name="path"/> holds statistics <see cref="Load"/> reads, judged by content (MlGan's magic
    /// number) and, for a zip, by the <c>.npz</c> extension (a zip of images is not statistics). Reads 8 bytes.
    /// </summary>
    public static bool IsStatisticsFile(string path)
    {
        Guard.NotNull(path, nameof(path));
        Span<byte> head = stackalloc byte[8];
        using (var stream = File.OpenRead(path))
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < NpzStatisticsFile.Magic.Length) return false;
        if (head.SequenceEqual(MlGanStatisticsFile.Magic)) return true;
        return head[..NpzStatisticsFile.Magic.Length].SequenceEqual(NpzStatisticsFile.Magic) && path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads statistics written by <see cref="Save(string)"/> (format versions 1 and 2) or any statistics .npz
    /// (pytorch-fid, clean-fid, <see cref="SaveNpz"/>), telling them apart by content. A damaged or foreign
    /// file gives <see cref="InvalidDataException"/> naming it and what is wrong.
    /// </summary>
    public static FeatureStatistics Load(string path)
    {
        Guard.NotNull(path, nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"Feature statistics file not found: '{path}'.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        Span<byte> magic = stackalloc byte[4];
        bool isZip = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length
            && magic.SequenceEqual(NpzStatisticsFile.Magic);
        stream.Position = 0;
        return isZip ? NpzStatisticsFile.Read(stream, path) : MlGanStatisticsFile.Read(stream, path);
    }
}
