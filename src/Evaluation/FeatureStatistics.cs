using System.Buffers.Binary;
using System.Security.Cryptography;
using MlGan.Transforms;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// First and second moments of a feature set: mean μ, sample covariance Σ (divided by n − 1) and the
/// sample count n, all in float64. What a Fréchet distance needs, and what is worth caching for a fixed
/// reference set (<see cref="Save"/> / <see cref="Load"/>).
/// </summary>
public sealed class FeatureStatistics
{
    // File layout (little-endian): magic "MLGANFS\0" | int32 version | int32 d | int64 n |
    // float64[d] μ | float64[d·d] Σ row-major | SHA-256 of everything before it (32 bytes).
    private static readonly byte[] Magic = "MLGANFS\0"u8.ToArray();
    public const int FormatVersion = 1;
    private const int HeaderBytes = 8 + 4 + 4 + 8, ChecksumBytes = 32;

    private readonly double[] _mean;
    private readonly double[] _covariance;

    /// <summary>Statistics from given moments; <paramref name="covariance"/> is d × d row-major.</summary>
    public FeatureStatistics(double[] mean, double[] covariance, long count)
    {
        Guard.NotNull(mean, nameof(mean));
        Guard.NotNull(covariance, nameof(covariance));
        Guard.Positive(mean.Length, "mean.Length");
        if (covariance.LongLength != (long)mean.Length * mean.Length)
            throw new ArgumentException(
                $"covariance has {covariance.LongLength} entries; a {mean.Length}-dimensional mean needs {mean.Length}×{mean.Length} = {(long)mean.Length * mean.Length} (row-major).",
                nameof(covariance));
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be ≥ 2 (a sample covariance needs two samples); got {count}.");
        Guard.AllFinite(mean, nameof(mean));
        Guard.AllFinite(covariance, nameof(covariance));
        _mean = (double[])mean.Clone();
        _covariance = (double[])covariance.Clone();
        Count = count;
    }

    // Takes ownership of the arrays (no copy) for internal producers.
    private FeatureStatistics(double[] mean, double[] covariance, long count, bool _)
    {
        _mean = mean;
        _covariance = covariance;
        Count = count;
    }

    public int Dimension => _mean.Length;
    /// <summary>Number of samples the moments were computed from.</summary>
    public long Count { get; }
    /// <summary>A copy of μ.</summary>
    public double[] Mean => (double[])_mean.Clone();
    /// <summary>A copy of Σ, d × d row-major.</summary>
    public double[] Covariance => (double[])_covariance.Clone();

    internal ReadOnlySpan<double> MeanSpan => _mean;
    internal double[] CovarianceArray => _covariance;

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
        return new FeatureStatistics(mean.data<double>().ToArray(), cov.contiguous().data<double>().ToArray(), n, true);
    }

    /// <summary>Writes the statistics in MlGan's versioned binary format (atomically: temp file + rename).</summary>
    public void Save(string path)
    {
        Guard.NotNull(path, nameof(path));
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var header = new byte[HeaderBytes];
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), Dimension);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), Count);
            Write(stream, hash, header);
            WriteDoubles(stream, hash, _mean);
            WriteDoubles(stream, hash, _covariance);
            stream.Write(hash.GetHashAndReset());
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Save"/>; a damaged file gives <see cref="InvalidDataException"/> naming it.</summary>
    public static FeatureStatistics Load(string path)
    {
        Guard.NotNull(path, nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"Feature statistics file not found: '{path}'.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        InvalidDataException Bad(string why) => new($"'{path}' is not a valid MlGan feature statistics file: {why}");

        var header = new byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            throw Bad($"it is {stream.Length} bytes long, shorter than the {HeaderBytes}-byte header.");
        if (!header.AsSpan(0, 8).SequenceEqual(Magic)) throw Bad("wrong magic number (expected \"MLGANFS\").");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version != FormatVersion) throw Bad($"format version {version}; this MlGan reads version {FormatVersion}.");
        int d = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        long n = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        if (d <= 0 || d > 65_536) throw Bad($"feature dimension {d} is out of range [1, 65536].");
        if (n < 2) throw Bad($"sample count {n} is below 2.");
        long expected = HeaderBytes + 8L * d + 8L * d * d + ChecksumBytes;
        if (stream.Length != expected)
            throw Bad($"it is {stream.Length} bytes long; dimension {d} needs exactly {expected} (truncated or padded).");
        hash.AppendData(header);
        var mean = ReadDoubles(stream, hash, d);
        var cov = ReadDoubles(stream, hash, (long)d * d);
        var stored = new byte[ChecksumBytes];
        stream.ReadExactly(stored);
        if (!stored.AsSpan().SequenceEqual(hash.GetHashAndReset())) throw Bad("checksum mismatch (the file is corrupt).");
        if (mean.Any(v => !double.IsFinite(v)) || cov.Any(v => !double.IsFinite(v))) throw Bad("it holds non-finite moments.");
        return new FeatureStatistics(mean, cov, n, true);
    }

    private static void Write(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        stream.Write(bytes);
    }

    private static void WriteDoubles(Stream stream, IncrementalHash hash, double[] values)
    {
        var buffer = new byte[8 * 8192];
        for (long start = 0; start < values.LongLength; start += 8192)
        {
            int count = (int)Math.Min(8192, values.LongLength - start);
            for (int i = 0; i < count; i++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), values[start + i]);
            Write(stream, hash, buffer.AsSpan(0, 8 * count));
        }
    }

    private static double[] ReadDoubles(Stream stream, IncrementalHash hash, long length)
    {
        var values = new double[length];
        var buffer = new byte[8 * 8192];
        for (long start = 0; start < length; start += 8192)
        {
            int count = (int)Math.Min(8192, length - start);
            var span = buffer.AsSpan(0, 8 * count);
            stream.ReadExactly(span);
            hash.AppendData(span);
            for (int i = 0; i < count; i++) values[start + i] = BinaryPrimitives.ReadDoubleLittleEndian(span.Slice(8 * i));
        }
        return values;
    }
}
