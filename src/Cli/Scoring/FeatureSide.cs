using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Evaluation.Streaming;
using MlGan.Transforms.Data.Images;

namespace MlGan.Cli.Scoring;

/// <summary>
/// One side of a comparison in feature space: its statistics (always), its feature rows and class scores (when a
/// metric needs more than FID), its raw rows (mixture metrics and NND need samples, not features), and how it was made.
/// </summary>
internal sealed record FeatureSide(string Label, FeatureStatistics Statistics, FeatureExtraction? Extraction, float[][]? RawRows,
    StatisticsProvenance? Provenance, IReadOnlyList<string> Skipped)
{
    /// <summary>Samples behind the statistics; null when a reference file does not record it.</summary>
    public long? Count => Statistics.HasCount ? Statistics.Count : null;

    /// <summary>The side as the metrics read it: the streamed statistics, the kept features and class scores, the raw rows.</summary>
    public GanMetricSide ToMetricSide() => new(RawRows, Statistics, Extraction, Provenance is null ? null : FeatureOrigin.Of(Provenance));
}

/// <summary>Turns a <see cref="ScoreSource"/> into a <see cref="FeatureSide"/> through a feature extractor, streaming.</summary>
internal static class FeatureSides
{
    /// <summary>What the extraction keeps and how it reports.</summary>
    internal sealed record Request(bool KeepFeatures, bool KeepClassScores, bool SkipBad, bool Quiet, int BatchSize, string? Shard = null);

    /// <summary>The samples of a row or image source, in the shape the extractor and preprocessing need.</summary>
    public static ISampleSource Samples(ScoreSource source, IFeatureExtractor extractor, FeaturePreprocessing preprocessing)
    {
        if (source.Rows is { } rows) return new RowSampleSource(rows, source.Description);
        if (source.Images is not { } images) throw new ArgumentException($"'{source.Description}' holds statistics, not samples.");
        int channels = (extractor as OnnxFeatureExtractor)?.InputChannels ?? 3;
        // pytorch-fid resizes every image to 299×299 itself (so mixed sizes are fine); otherwise sizes must agree.
        bool preset = preprocessing == FeaturePreprocessing.PytorchFid;
        var side = FeaturePreprocessingNames.PytorchFidSide;
        return new ImageSampleSource(images, channels, preset ? (side, side) : null, source.ImageLimit);
    }

    /// <summary>The sample dimension used to pick a default feature net: row length, or C·H·W of the first image (grey for 28×28).</summary>
    public static int SampleDimension(ScoreSource source)
    {
        if (source.Rows is { } rows) return rows[0].Length;
        if (source.Images is { } images)
        {
            var (w, h) = ReadSize(images);
            return w == 28 && h == 28 ? w * h : 3 * w * h;
        }
        return source.Statistics!.Dimension;
    }

    private static (int Width, int Height) ReadSize(ImageCollection images)
    {
        using var stream = images.OpenRead(0); // the header only, not the whole file
        return ImageDecoder.ReadSize(stream, images.NameOf(0));
    }

    /// <summary>Extracts the features of <paramref name="source"/> (or returns its cached statistics).</summary>
    public static FeatureSide Extract(string label, ScoreSource source, IFeatureExtractor? extractor, FeaturePreprocessing preprocessing, Request request)
    {
        if (source.Statistics is { } cached) return new FeatureSide(label, cached, null, null, cached.Provenance, []);
        ArgumentNullException.ThrowIfNull(extractor);
        var samples = Samples(source, extractor, preprocessing);
        var options = new FeatureStreamOptions
        {
            BatchSize = request.BatchSize, KeepFeatures = request.KeepFeatures, KeepClassScores = request.KeepClassScores, SkipBad = request.SkipBad,
        };
        var result = ExtractionProgress.Run($"{label}: features", samples.Count, request.Quiet,
            progress => FeatureStream.Run(samples, extractor, options, progress));
        if (result.Count < 2)
            throw new InvalidDataException($"{label} '{source.Description}': {result.Count} sample(s) could be read; statistics need at least 2.");
        var provenance = Provenance(extractor, source, result.Moments.Dimension, result.Count, request.Shard);
        var stats = result.Moments.ToStatistics(provenance);
        var extraction = request.KeepFeatures ? result.ToExtraction() : null;
        return new FeatureSide(label, stats, extraction, source.Rows, provenance, result.Skipped);
    }

    /// <summary>How a set of features was made, for statistics files and score provenance.</summary>
    public static StatisticsProvenance Provenance(IFeatureExtractor extractor, ScoreSource source, int dimension, long count, string? shard) => new()
    {
        Extractor = extractor.Name,
        ExtractorSha256 = extractor.Sha256,
        Preprocessing = extractor.Preprocessing,
        // The net's declared (C, H, W); symbolic extents say nothing fixed, so then none is recorded.
        InputShape = extractor is OnnxFeatureExtractor onnx && onnx.InputShape.Skip(1).All(d => d > 0) ? onnx.InputShape.Skip(1).Select(d => (int)d).ToArray() : null,
        FeatureDimension = dimension,
        Count = count,
        MlGanVersion = StatisticsProvenance.CurrentMlGanVersion,
        Source = source.Description,
        Shard = shard,
    };
}
