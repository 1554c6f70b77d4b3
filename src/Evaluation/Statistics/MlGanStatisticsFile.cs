using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MlGan.Evaluation;

/// <summary>
/// MlGan's own binary format for <see cref="FeatureStatistics"/>, checksummed end to end.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic "MLGANFS\0" | int32 version | int32 d | int64 n | (version 2 only: int32 L |
/// L bytes of UTF-8 provenance JSON, L = 0 for none) | float64[d] μ | float64[d·d] Σ row-major | SHA-256 of
/// every byte before it (32 bytes). Version 1 is version 2 without the provenance block and requires n ≥ 2;
/// version 2 also allows n = 0 (sample count unknown, as for statistics imported from pytorch-fid).
/// </remarks>
internal static class MlGanStatisticsFile
{
    /// <summary>The file's first eight bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "MLGANFS\0"u8;

    private const int HeaderBytes = 8 + 4 + 4 + 8, ChecksumBytes = 32, MaxDimension = 65_536;
    // Provenance is a few hundred bytes of JSON; anything near this bound is a damaged length field.
    private const int MaxProvenanceBytes = 1 << 20;

    /// <summary>Writes <paramref name="statistics"/> in format version <see cref="FeatureStatistics.FormatVersion"/>.</summary>
    public static void Write(FeatureStatistics statistics, Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FeatureStatistics.FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), statistics.Dimension);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), statistics.Count);
        Write(stream, hash, header);

        var provenance = statistics.Provenance is { } p ? Encoding.UTF8.GetBytes(p.ToJson()) : [];
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, provenance.Length);
        Write(stream, hash, length);
        Write(stream, hash, provenance);

        WriteDoubles(stream, hash, statistics.MeanSpan);
        WriteDoubles(stream, hash, statistics.CovarianceArray);
        stream.Write(hash.GetHashAndReset());
    }

    /// <summary>Reads format version 1 or 2 from <paramref name="stream"/>; <paramref name="path"/> names it in errors.</summary>
    public static FeatureStatistics Read(Stream stream, string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        InvalidDataException Bad(string why) => new($"'{path}' is not a valid MlGan feature statistics file: {why}");

        var header = new byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            throw Bad($"it is {stream.Length} bytes long, shorter than the {HeaderBytes}-byte header.");
        if (!header.AsSpan(0, 8).SequenceEqual(Magic))
            throw Bad("wrong magic number (expected \"MLGANFS\", or \"PK\" for an .npz).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version is not (1 or 2)) throw Bad($"format version {version}; this MlGan reads versions 1 and {FeatureStatistics.FormatVersion}.");
        int d = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        long n = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        if (d <= 0 || d > MaxDimension) throw Bad($"feature dimension {d} is out of range [1, {MaxDimension}].");
        if (version == 1 && n < 2) throw Bad($"sample count {n} is below 2.");
        if (version == 2 && n != FeatureStatistics.UnknownCount && n < 2) throw Bad($"sample count {n} is neither ≥ 2 nor 0 (unknown).");
        hash.AppendData(header);

        int provenanceLength = 0;
        if (version == 2)
        {
            var length = new byte[4];
            if (stream.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4)
                throw Bad($"it is {stream.Length} bytes long and ends inside the provenance length (truncated).");
            provenanceLength = BinaryPrimitives.ReadInt32LittleEndian(length);
            if (provenanceLength < 0 || provenanceLength > MaxProvenanceBytes)
                throw Bad($"provenance length {provenanceLength} is out of range [0, {MaxProvenanceBytes}] (damaged length field).");
            hash.AppendData(length);
        }
        long expected = HeaderBytes + (version == 2 ? 4L + provenanceLength : 0) + 8L * d + 8L * d * d + ChecksumBytes;
        if (stream.Length != expected)
            throw Bad($"it is {stream.Length} bytes long; version {version} with dimension {d}{(version == 2 ? $" and {provenanceLength} provenance bytes" : "")} needs exactly {expected} (truncated or padded).");

        var provenanceBytes = new byte[provenanceLength];
        stream.ReadExactly(provenanceBytes);
        hash.AppendData(provenanceBytes);
        var mean = ReadDoubles(stream, hash, d);
        var covariance = ReadDoubles(stream, hash, (long)d * d);
        var stored = new byte[ChecksumBytes];
        stream.ReadExactly(stored);
        if (!stored.AsSpan().SequenceEqual(hash.GetHashAndReset())) throw Bad("checksum mismatch (the file is corrupt).");
        if (mean.Any(v => !double.IsFinite(v)) || covariance.Any(v => !double.IsFinite(v))) throw Bad("it holds non-finite moments.");

        StatisticsProvenance? provenance = null;
        if (provenanceLength > 0)
        {
            string json;
            try { json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(provenanceBytes); }
            catch (DecoderFallbackException) { throw Bad("its provenance block is not valid UTF-8."); }
            try { provenance = StatisticsProvenance.FromJson(json); }
            catch (InvalidDataException e) { throw Bad($"its provenance block is unreadable: {e.Message}"); }
            if (provenance.FeatureDimension != d) throw Bad($"its provenance records {provenance.FeatureDimension} features but the moments have {d}.");
            if (provenance.Count != n) throw Bad($"its provenance records {provenance.Count} samples but the header says {n}.");
        }
        return FeatureStatistics.FromOwnedMoments(mean, covariance, n, provenance);
    }

    private static void Write(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        stream.Write(bytes);
    }

    private static void WriteDoubles(Stream stream, IncrementalHash hash, ReadOnlySpan<double> values)
    {
        var buffer = new byte[8 * 8192];
        for (int start = 0; start < values.Length; start += 8192)
        {
            int count = Math.Min(8192, values.Length - start);
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
