using System.Text;
using MlGan.Evaluation.IO;

namespace MlGan.Evaluation;

/// <summary>
/// <see cref="FeatureStatistics"/> as a NumPy .npz, the format pytorch-fid and clean-fid cache reference
/// statistics in: <c>mu</c> float64 [d] and <c>sigma</c> float64 [d, d], plus MlGan's optional
/// <c>mlgan_count</c> (int64 scalar) and <c>mlgan_provenance</c> (uint8 [L], the provenance JSON), which
/// those readers ignore.
/// </summary>
internal static class NpzStatisticsFile
{
    /// <summary>Entry keys (numpy.savez appends ".npy" to each in the zip).</summary>
    public const string MeanKey = "mu", CovarianceKey = "sigma", CountKey = "mlgan_count", ProvenanceKey = "mlgan_provenance";

    // d² float64 values must fit one .NET array.
    private const int MaxDimension = 46_340;

    /// <summary>The zip local-file-header signature every non-empty .npz starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "PK\x03\x04"u8;

    /// <summary>Writes <paramref name="statistics"/> as a stored (uncompressed) .npz, as numpy.savez does.</summary>
    public static void Write(FeatureStatistics statistics, Stream stream)
    {
        int d = statistics.Dimension;
        var arrays = new List<KeyValuePair<string, NpyArray>>
        {
            new(MeanKey, NpyArray.FromFloat64(statistics.MeanSpan, d)),
            new(CovarianceKey, NpyArray.FromFloat64(statistics.CovarianceArray, d, d)),
        };
        if (statistics.HasCount) arrays.Add(new(CountKey, NpyArray.FromInt64Scalar(statistics.Count)));
        if (statistics.Provenance is { } provenance)
            arrays.Add(new(ProvenanceKey, NpyArray.FromBytes(Encoding.UTF8.GetBytes(provenance.ToJson()))));
        NpzWriter.Write(stream, arrays);
    }

    /// <summary>
    /// Reads an .npz holding at least <c>mu</c> [d] and <c>sigma</c> [d, d] (any float width, byte order or
    /// memory order; stored or deflated); <paramref name="path"/> names it in errors.
    /// </summary>
    public static FeatureStatistics Read(Stream stream, string path)
    {
        InvalidDataException Bad(string why) => new($"'{path}' is not a valid feature statistics .npz: {why}");
        using var npz = new NpzReader(stream, path);
        foreach (string key in new[] { MeanKey, CovarianceKey })
            if (!npz.Contains(key + ".npy"))
                throw Bad($"it has no '{key}' array (entries: {string.Join(", ", npz.EntryNames.Select(e => $"'{e}'"))}); FID statistics need 'mu' [d] and 'sigma' [d, d].");

        var meanArray = npz.Read(MeanKey + ".npy", MaxDimension);
        if (meanArray.Shape.Length != 1 || meanArray.Shape[0] < 1)
            throw Bad($"'mu' has shape {meanArray.Header.ShapeText}; expected a vector (d,) with d ≥ 1.");
        int d = (int)meanArray.Shape[0];
        var covarianceArray = npz.Read(CovarianceKey + ".npy", (long)d * d);
        if (covarianceArray.Shape.Length != 2 || covarianceArray.Shape[0] != d || covarianceArray.Shape[1] != d)
            throw Bad($"'sigma' has shape {covarianceArray.Header.ShapeText}; 'mu' has {d} entries, so ({d}, {d}) is expected.");
        var mean = meanArray.ToFloat64($"'{path}' entry 'mu.npy'");
        var covariance = covarianceArray.ToFloat64($"'{path}' entry 'sigma.npy'");
        if (mean.Any(v => !double.IsFinite(v))) throw Bad("'mu' holds non-finite values.");
        if (covariance.Any(v => !double.IsFinite(v))) throw Bad("'sigma' holds non-finite values.");

        long count = FeatureStatistics.UnknownCount;
        if (npz.Contains(CountKey + ".npy"))
        {
            var countArray = npz.Read(CountKey + ".npy", 1);
            var values = countArray.Header.Kind == 'i' ? countArray.ToInt64($"'{path}' entry '{CountKey}.npy'") : [];
            if (values.Length != 1) throw Bad($"'{CountKey}' must be one int64 (shape () or (1,)); got '{countArray.Header.Descriptor}' of shape {countArray.Header.ShapeText}.");
            count = values[0];
            if (count < 2) throw Bad($"'{CountKey}' is {count}; a sample count is ≥ 2.");
        }

        StatisticsProvenance? provenance = null;
        if (npz.Contains(ProvenanceKey + ".npy"))
        {
            var provenanceArray = npz.Read(ProvenanceKey + ".npy", 1 << 20);
            if (provenanceArray.Shape.Length != 1 || provenanceArray.Header.Kind != 'u' || provenanceArray.Header.ItemSize != 1)
                throw Bad($"'{ProvenanceKey}' must be a uint8 vector of UTF-8 JSON; got '{provenanceArray.Header.Descriptor}' of shape {provenanceArray.Header.ShapeText}.");
            var bytes = provenanceArray.ToBytes($"'{path}' entry '{ProvenanceKey}.npy'");
            try { provenance = StatisticsProvenance.FromJson(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes)); }
            catch (DecoderFallbackException) { throw Bad($"'{ProvenanceKey}' is not valid UTF-8."); }
            catch (InvalidDataException e) { throw Bad($"'{ProvenanceKey}' is unreadable: {e.Message}"); }
            if (provenance.FeatureDimension != d) throw Bad($"its provenance records {provenance.FeatureDimension} features but 'mu' has {d}.");
            if (provenance.Count != count) throw Bad($"its provenance records {provenance.Count} samples but '{CountKey}' says {count}{(count == 0 ? " (absent: unknown)" : "")}.");
        }
        return FeatureStatistics.FromOwnedMoments(mean, covariance, count, provenance);
    }
}
