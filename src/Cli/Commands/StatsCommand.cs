using System.CommandLine;
using System.Globalization;
using MlGan.Cli.Scoring;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan stats`: computes a feature set's (μ, Σ, n) with its provenance and caches it for later Fréchet distances —
/// whole, or one deterministic shard of the sorted inputs (`--shard i/k`) for a scheduler to run in parallel;
/// `mlgan stats merge` combines shards exactly. MlGan's binary format (checksummed, with provenance) or a
/// pytorch-fid-style `.npz` (`--format npz`).
/// </summary>
public static class StatsCommand
{
    /// <summary>The `stats` sub-command: its options and action.</summary>
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Samples to summarise: {ScoreSource.Syntax}." };
        var output = new Option<FileInfo>("--out") { Description = "Statistics file to write.", Required = true };
        var fashionDir = new Option<string?>("--fashion-mnist-dir") { Description = "Directory of the Fashion-MNIST IDX files (default: Debian's)." };
        var features = new Option<string?>("--features") { Description = $"Feature net applied first: {FeatureNets.Syntax}. Use the same one as `mlgan score`." };
        var featuresInput = new Option<string?>("--features-input") { Description = "Input name of a custom feature net (default: its only input)." };
        var featuresOutput = new Option<string?>("--features-output") { Description = "Feature output of a custom net (default: 'features' if present, else its first output)." };
        var preprocess = PreprocessOption();
        var format = FormatOption();
        var shard = new Option<string?>("--shard") { Description = "I/K: only shard I (0-based) of K of the sorted inputs, a contiguous block (for job arrays); merge with `mlgan stats merge`." };
        var count = new Option<int?>("--count") { Description = "Samples read (default all); drawn from a generator or synthetic target (default 10000)." };
        var seed = new Option<int>("--seed") { Description = "Seed of samples drawn from a generator or synthetic target.", DefaultValueFactory = _ => 1 };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip images that cannot be decoded (and report how many) instead of stopping." };
        var batch = new Option<int>("--batch-size") { Description = "Samples per feature-net batch.", DefaultValueFactory = _ => 64 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var cmd = new Command("stats", "Compute feature statistics (mean, covariance, count, provenance) and save them for FID.")
        {
            data, output, fashionDir, features, featuresInput, featuresOutput, preprocess, format, shard, count, seed, skipBad, batch, quiet,
        };
        cmd.Subcommands.Add(MergeCommand());
        cmd.SetAction(parse => CliErrors.Run("stats", () =>
        {
            string spec = parse.GetValue(data) ?? throw new ArgumentException("--data is required: the samples to summarise.", "--data");
            var request = new StatsRequest(spec, parse.GetValue(output)!.FullName, parse.GetValue(fashionDir), parse.GetValue(features),
                parse.GetValue(featuresInput), parse.GetValue(featuresOutput), ParsePreprocess(parse.GetValue(preprocess)!),
                ParseFormat(parse.GetValue(format)!, parse.GetValue(output)!.FullName), ParseShard(parse.GetValue(shard)),
                parse.GetValue(count), parse.GetValue(seed), parse.GetValue(skipBad), parse.GetValue(batch), parse.GetValue(quiet));
            Run(request);
            return 0;
        }));
        return cmd;
    }

    internal sealed record StatsRequest(string Data, string Output, string? FashionMnistDirectory, string? Features, string? FeaturesInput,
        string? FeaturesOutput, FeaturePreprocessing Preprocessing, StatisticsFileFormat Format, (int Index, int Count)? Shard,
        int? Count, int Seed, bool SkipBad, int BatchSize, bool Quiet);

    internal static void Run(StatsRequest r)
    {
        if (r.BatchSize < 1) throw new ArgumentOutOfRangeException("--batch-size", r.BatchSize, $"--batch-size must be ≥ 1; got {r.BatchSize}.");
        if (r.Count is < 2) throw new ArgumentOutOfRangeException("--count", r.Count, $"--count must be ≥ 2; got {r.Count}.");
        using var whole = ScoreSource.Load(r.Data, r.Count, r.Seed, r.FashionMnistDirectory);
        if (whole.Statistics is not null)
            throw new ArgumentException($"--data '{r.Data}' is already a statistics file; use `mlgan stats merge` to combine statistics.", "--data");
        var source = r.Shard is { } s ? ShardOf(whole, s.Index, s.Count) : whole;
        var extractor = FeatureNets.Resolve(r.Features, FeatureSides.SampleDimension(source), r.FeaturesInput, r.FeaturesOutput, null,
            r.Preprocessing, unitRangeImages: source.Images is not null);
        using var owned = extractor as IDisposable;
        string? shard = r.Shard is { } sh ? string.Create(CultureInfo.InvariantCulture, $"{sh.Index}/{sh.Count}") : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var side = FeatureSides.Extract("data", source, extractor, r.Preprocessing,
            new FeatureSides.Request(KeepFeatures: false, KeepClassScores: false, r.SkipBad, r.Quiet, r.BatchSize, shard));
        double seconds = clock.Elapsed.TotalSeconds;
        if (side.Skipped.Count > 0)
            Console.Error.WriteLine($"mlgan stats: skipped {side.Skipped.Count} unreadable image(s), e.g. '{side.Skipped[0]}'.");
        if (CovarianceDiagnosis.Describe(side.Statistics) is { } why)
            Console.Error.WriteLine($"mlgan stats: warning: the {why}, so FIDs against these statistics are biased and not comparable with published numbers.");
        side.Statistics.Save(r.Output, r.Format);
        Console.WriteLine($"Wrote statistics of {side.Statistics.Count} samples × {side.Statistics.Dimension} features ({extractor.Name}, preprocessing {extractor.Preprocessing}" +
            (shard is null ? "" : $", shard {shard}") + $") to {r.Output}" +
            string.Create(CultureInfo.InvariantCulture, $" in {seconds:F2} s ({side.Statistics.Count / Math.Max(seconds, 1e-9):F1} samples/s)"));
    }

    /// <summary>Shard i of k: a contiguous block of the sorted images or of the rows, [⌊i·N/k⌋, ⌊(i+1)·N/k⌋).</summary>
    private static ScoreSource ShardOf(ScoreSource source, int index, int count)
    {
        if (source.Images is { } images)
        {
            if (source.ImageLimit is not null) throw new ArgumentException("--count and --shard cannot be combined for images; shard the whole folder.", "--shard");
            return source with { Images = images.Shard(index, count), Description = $"{source.Description}, shard {index}/{count}" };
        }
        var rows = source.Rows!;
        int start = (int)((long)index * rows.Length / count), end = (int)((long)(index + 1) * rows.Length / count);
        if (end - start < 2) throw new ArgumentException($"Shard {index}/{count} of {rows.Length} rows holds {end - start}; statistics need at least 2 per shard.", "--shard");
        return source with { Rows = rows[start..end], Description = $"{source.Description}, shard {index}/{count}" };
    }

    private static Command MergeCommand()
    {
        var parts = new Argument<string[]>("parts") { Description = "Statistics files to combine (shards of one data set, same feature net and preprocessing).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo>("--out") { Description = "Merged statistics file to write.", Required = true };
        var format = FormatOption();
        var cmd = new Command("merge", "Merge statistics files (shards) exactly into one: the same numbers as one pass over all samples.") { parts, output, format };
        cmd.SetAction(parse => CliErrors.Run("stats merge", () =>
        {
            string path = parse.GetValue(output)!.FullName;
            var files = parse.GetValue(parts)!;
            var loaded = files.Select(FeatureStatistics.Load).ToArray(); // Load names a missing or damaged file
            var merged = FeatureStatistics.Merge(loaded);
            if (CovarianceDiagnosis.Describe(merged) is { } why)
                Console.Error.WriteLine($"mlgan stats merge: warning: the {why}, so FIDs against these statistics are biased and not comparable with published numbers.");
            merged.Save(path, ParseFormat(parse.GetValue(format)!, path));
            Console.WriteLine($"Merged {files.Length} statistics files ({merged.Count} samples × {merged.Dimension} features) into {path}");
            return 0;
        }));
        return cmd;
    }

    internal static Option<string> PreprocessOption() => new("--preprocess")
    {
        Description = $"Image preprocessing before the feature net: {FeaturePreprocessingNames.PytorchFid} (8-bit RGB / 255, bilinear to 299×299 without antialiasing, 2x − 1: pytorch-fid's FID) or {FeaturePreprocessingNames.None}.",
        DefaultValueFactory = _ => FeaturePreprocessingNames.None,
    };

    internal static FeaturePreprocessing ParsePreprocess(string text)
    {
        try
        {
            return FeaturePreprocessingNames.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(ex.Message, "--preprocess");
        }
    }

    private static Option<string> FormatOption() => new("--format")
    {
        Description = "mlgan (checksummed, with provenance) or npz (pytorch-fid / clean-fid: mu, sigma). Default: npz when --out ends in .npz, else mlgan.",
        DefaultValueFactory = _ => "auto",
    };

    private static StatisticsFileFormat ParseFormat(string text, string output) => text.ToLowerInvariant() switch
    {
        "auto" => output.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) ? StatisticsFileFormat.Npz : StatisticsFileFormat.MlGan,
        "mlgan" => StatisticsFileFormat.MlGan,
        "npz" => StatisticsFileFormat.Npz,
        _ => throw new ArgumentException($"Unknown --format '{text}'; expected mlgan or npz.", "--format"),
    };

    internal static (int Index, int Count)? ParseShard(string? text)
    {
        if (text is null) return null;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1 || i >= k)
            throw new ArgumentException($"--shard '{text}' must be I/K with 0 ≤ I < K (e.g. 0/4).", "--shard");
        return (i, k);
    }
}
