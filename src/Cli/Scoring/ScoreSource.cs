using MlGan.Transforms.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Cli.Serving;
using MlGan.Evaluation;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Data.Images;

namespace MlGan.Cli.Scoring;

/// <summary>
/// One side of <c>mlgan score</c> / the data of <c>mlgan stats</c>: sample rows (CSV, Fashion-MNIST, a synthetic
/// target, or drawn from a generator ONNX file), images (a folder or a .zip, streamed), or cached feature statistics
/// (an MlGan statistics file or a pytorch-fid / clean-fid <c>.npz</c>: FID only). <see cref="Mixture"/> is set when the
/// source is a named Gaussian-mixture target, so the mode metrics need no extra flag. Exactly one of
/// <see cref="Rows"/>, <see cref="Images"/> and <see cref="Statistics"/> is set.
/// </summary>
internal sealed record ScoreSource(string Description, float[][]? Rows, ImageCollection? Images, FeatureStatistics? Statistics, GaussianMixture? Mixture,
    int? ImageLimit = null) : IDisposable
{
    public const string Syntax = "PATH.csv | csv:PATH | fashion-mnist[:train|:test] | ring8 | grid25 | two-cluster | two-moons | " +
        "IMAGE_DIR | IMAGES.zip | GENERATOR.onnx | STATS (from mlgan stats) | STATS.npz (mu, sigma)";

    public const int DefaultGeneratedCount = 10_000;

    /// <summary>
    /// Resolves <paramref name="spec"/>. <paramref name="count"/> caps rows and images read from data and is the number of
    /// samples drawn from a generator or synthetic target (default 10,000); <paramref name="seed"/> seeds those draws.
    /// <paramref name="classes"/> are the classes a class-conditional generator is asked for, cycled so each gets an equal
    /// share (null: all of them); an unconditional generator or a data source rejects them.
    /// </summary>
    public static ScoreSource Load(string spec, int? count, int seed, string? fashionMnistDirectory, IReadOnlyList<int>? classes = null)
    {
        if (classes is not null && !spec.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--labels picks the classes of a class-conditional generator (a .onnx file); '{spec}' is not one.", "--labels");
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException($"Empty data source; expected {Syntax}.", nameof(spec));
        string lower = spec.ToLowerInvariant();
        if (lower.StartsWith("fashion-mnist", StringComparison.Ordinal) && !File.Exists(spec) && !Directory.Exists(spec))
        {
            var split = lower switch
            {
                "fashion-mnist" or "fashion-mnist:train" => FashionMnistSplit.Train,
                "fashion-mnist:test" => FashionMnistSplit.Test,
                _ => throw new ArgumentException($"Unknown data source '{spec}'; expected {Syntax}.", nameof(spec)),
            };
            var images = FashionMnist.Load(fashionMnistDirectory, split, PixelRange.MinusOneToOne, count).Images;
            return FromRows($"{spec} ({images.Length} images)", images);
        }
        if (SyntheticTargets.Names.Contains(lower) && !File.Exists(spec) && !Directory.Exists(spec))
        {
            var ml = new MLContext(seed);
            var view = SyntheticTargets.ByName(ml.Gan().Data, lower, count ?? DefaultGeneratedCount, seed);
            var rows = view.GetColumn<float[]>(GanDataCatalog.FeaturesColumn).ToArray();
            return new ScoreSource($"{lower} ({rows.Length} samples, seed {seed})", rows, null, null, SyntheticTargets.MixtureOf(lower));
        }
        if (lower.StartsWith("csv:", StringComparison.Ordinal) || lower.EndsWith(".csv", StringComparison.Ordinal))
        {
            var rows = FeatureSource.Load(lower.StartsWith("csv:", StringComparison.Ordinal) ? spec : "csv:" + spec);
            if (count is { } c && rows.Length > c) rows = rows[..c];
            return FromRows($"{spec} ({rows.Length} rows)", rows);
        }
        if (Directory.Exists(spec) || lower.EndsWith(".zip", StringComparison.Ordinal) && File.Exists(spec))
        {
            var images = ImageCollection.Open(spec);
            return count is { } c && c < images.Count
                ? new ScoreSource($"{spec} (first {c} of {images.Count} images)", null, images, null, null, c)
                : new ScoreSource($"{spec} ({images.Count} images)", null, images, null, null);
        }
        if (!File.Exists(spec)) throw new FileNotFoundException($"Data source '{spec}' is neither a file, a folder nor a known name; expected {Syntax}.", spec);
        if (lower.EndsWith(".onnx", StringComparison.Ordinal))
        {
            using var generator = new OnnxGeneratorRunner(spec);
            int n = count ?? DefaultGeneratedCount;
            if (classes is not null && generator.ClassCount == 0)
                throw new ArgumentException($"--labels: '{spec}' is not class-conditional; it takes no labels.", "--labels");
            foreach (int c in classes ?? [])
                if (c < 0 || c >= generator.ClassCount)
                    throw new ArgumentException($"--labels: class {c} is outside the generator's classes 0–{generator.ClassCount - 1}.", "--labels");
            // A conditional generator's FID is that of a balanced draw: class i % |classes| for sample i.
            var labels = generator.ClassCount > 0 ? generator.BalancedLabels(n, classes) : null;
            var rows = generator.Generate(generator.SampleLatent(n, seed), labels);
            string drawn = labels is null ? "" : $", labels balanced over {(classes is null ? $"all {generator.ClassCount} classes" : $"classes {string.Join(",", classes)}")}";
            return FromRows($"{Path.GetFileName(spec)} ({n} samples, {generator.Metadata.LatentDistribution} latent {generator.LatentDimension}, seed {seed}{drawn})", rows);
        }
        if (FeatureStatistics.IsStatisticsFile(spec))
        {
            var stats = FeatureStatistics.Load(spec);
            string n = stats.HasCount ? $"{stats.Count} samples" : "unknown count";
            return new ScoreSource($"{Path.GetFileName(spec)} (statistics of {n} × {stats.Dimension} features)", null, null, stats, null);
        }
        throw new ArgumentException($"Cannot tell what '{spec}' is (not .csv, .onnx, .zip of images, an image folder, .npz, nor an MlGan statistics file); expected {Syntax}.", nameof(spec));
    }

    private static ScoreSource FromRows(string description, float[][] rows) => new(description, rows, null, null, null);

    public void Dispose() => Images?.Dispose();
}
