namespace MlGan.Evaluation;

/// <summary>The file formats <see cref="FeatureStatistics.Save(string, StatisticsFileFormat)"/> writes.</summary>
public enum StatisticsFileFormat
{
    /// <summary>MlGan's checksummed binary format (version <see cref="FeatureStatistics.FormatVersion"/>), with provenance.</summary>
    MlGan,

    /// <summary>A NumPy .npz with <c>mu</c> and <c>sigma</c>, as pytorch-fid and clean-fid cache statistics.</summary>
    Npz,
}
