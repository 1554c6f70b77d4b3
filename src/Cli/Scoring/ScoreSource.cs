using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Cli.Serving;
using MlGan.Evaluation;
using MlGan.Evaluation.IO;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Scoring;

/// <summary>
/// One side of <c>mlgan score</c>: sample rows (CSV, Fashion-MNIST, a synthetic target, or drawn from a
/// generator ONNX file) or cached feature statistics (FID only). <see cref="Mixture"/> is set when the
/// source is a named Gaussian-mixture target, so the mode metrics need no extra flag.
/// </summary>
internal sealed record ScoreSource(string Description, float[][]? Rows, FeatureStatistics? Statistics, GaussianMixture? Mixture)
{
    public const string Syntax = "PATH.csv | csv:PATH | fashion-mnist[:train|:test] | " +
        "ring8 | grid25 | two-cluster | two-moons | GENERATOR.onnx | STATS (from mlgan stats)";

    public const int DefaultGeneratedCount = 10_000;

    /// <summary>
    /// Resolves <paramref name="spec"/>. <paramref name="count"/> caps rows read from data and is the number of
    /// samples drawn from a generator or synthetic target (default 10,000); <paramref name="seed"/> seeds those draws.
    /// </summary>
    public static ScoreSource Load(string spec, int? count, int seed, string? fashionMnistDirectory)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException($"Empty data source; expected {Syntax}.", nameof(spec));
        string lower = spec.ToLowerInvariant();
        if (lower.StartsWith("fashion-mnist", StringComparison.Ordinal))
        {
            var split = lower switch
            {
                "fashion-mnist" or "fashion-mnist:train" => FashionMnistSplit.Train,
                "fashion-mnist:test" => FashionMnistSplit.Test,
                _ => throw new ArgumentException($"Unknown data source '{spec}'; expected {Syntax}.", nameof(spec)),
            };
            var images = FashionMnist.Load(fashionMnistDirectory, split, PixelRange.MinusOneToOne, count).Images;
            return new ScoreSource($"{spec} ({images.Length} images)", images, null, null);
        }
        if (SyntheticTargets.Names.Contains(lower) && !File.Exists(spec))
        {
            var ml = new MLContext(seed);
            var view = SyntheticTargets.ByName(ml.Gan().Data, lower, count ?? DefaultGeneratedCount, seed);
            var rows = view.GetColumn<float[]>(GanDataCatalog.FeaturesColumn).ToArray();
            return new ScoreSource($"{lower} ({rows.Length} samples, seed {seed})", rows, null, SyntheticTargets.MixtureOf(lower));
        }
        if (lower.StartsWith("csv:", StringComparison.Ordinal) || lower.EndsWith(".csv", StringComparison.Ordinal))
        {
            var rows = FeatureSource.Load(lower.StartsWith("csv:", StringComparison.Ordinal) ? spec : "csv:" + spec);
            if (count is { } c && rows.Length > c) rows = rows[..c];
            return new ScoreSource($"{spec} ({rows.Length} rows)", rows, null, null);
        }
        if (!File.Exists(spec)) throw new FileNotFoundException($"Data source '{spec}' is neither a file nor a known name; expected {Syntax}.", spec);
        if (lower.EndsWith(".onnx", StringComparison.Ordinal))
        {
            using var generator = new OnnxGenerator(spec);
            int n = count ?? DefaultGeneratedCount;
            var rows = generator.Generate(generator.SampleLatent(n, seed));
            return new ScoreSource($"{Path.GetFileName(spec)} ({n} samples, {generator.Metadata.LatentDistribution} latent {generator.LatentDimension}, seed {seed})", rows, null, null);
        }
        if (IsStatisticsFile(spec))
        {
            var stats = FeatureStatistics.Load(spec);
            return new ScoreSource($"{Path.GetFileName(spec)} (statistics of {stats.Count} samples × {stats.Dimension} features)", null, stats, null);
        }
        throw new ArgumentException($"Cannot tell what '{spec}' is (not .csv, .onnx, nor an MlGan statistics file); expected {Syntax}.", nameof(spec));
    }

    private static bool IsStatisticsFile(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual("MLGANFS\0"u8);
    }
}
