using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlGan.Cli.Scoring;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan score --real A --fake B --metrics fid,is,kid,modes,nnd`: compares generated samples with real ones
/// (sources: see <see cref="ScoreSource"/>), prints a table and optionally writes the numbers as JSON with
/// the keys fid, is, is_std, kid, kid_std, nnd, modes, hq. NND trains a fresh critic on the raw samples.
/// </summary>
public static class ScoreCommand
{
    public static readonly IReadOnlyList<string> MetricNames = ["fid", "is", "kid", "modes", "nnd"];

    public static Command Create()
    {
        var real = new Option<string>("--real") { Description = $"Reference data: {ScoreSource.Syntax}.", Required = true };
        var fake = new Option<string>("--fake") { Description = $"Data to judge: {ScoreSource.Syntax}.", Required = true };
        var metrics = new Option<string>("--metrics") { Description = "Comma-separated: fid, is, kid, modes, nnd.", DefaultValueFactory = _ => "fid,kid" };
        var features = new Option<string?>("--features") { Description = $"Feature net: {FeatureNets.Syntax}." };
        var featuresInput = new Option<string?>("--features-input") { Description = "Input name of a custom feature net (default: its only input)." };
        var featuresOutput = new Option<string?>("--features-output") { Description = "Feature output of a custom net (default: 'features' if present, else its first output)." };
        var logitsOutput = new Option<string?>("--logits-output") { Description = "Logits output of a custom net, for IS (default: 'logits' if present)." };
        var count = new Option<int?>("--count") { Description = "Rows read from each data source (default all); samples drawn from a generator or synthetic target (default 10000)." };
        var target = new Option<string?>("--target") { Description = $"Gaussian-mixture target for 'modes' ({string.Join(", ", SyntheticTargets.Names.Where(n => SyntheticTargets.MixtureOf(n) is not null))}); implied when --real names one." };
        var seed = new Option<int>("--seed") { Description = "Seed of generator latents (real: seed, fake: seed + 1) and KID subsets.", DefaultValueFactory = _ => 1 };
        var nndSteps = new Option<int>("--nnd-steps") { Description = "Critic updates of the neural-net divergence.", DefaultValueFactory = _ => new NeuralNetDivergenceOptions().Steps };
        var nndWidth = new Option<int?>("--nnd-width") { Description = "NND critic width: MLP hidden units or DCGAN base channels (default 128 / 32)." };
        var nndCritic = new Option<string?>("--nnd-critic") { Description = "NND critic: mlp or dcgan (default: dcgan for 784-value rows read as 1×28×28, else mlp)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the metrics as a JSON object to this file." };
        var fashionDir = new Option<string?>("--fashion-mnist-dir") { Description = "Directory of the Fashion-MNIST IDX files (default: Debian's)." };
        var cmd = new Command("score", "Score generated samples against real ones: FID, Inception score, KID, mixture modes, neural-net divergence.")
        {
            real, fake, metrics, features, featuresInput, featuresOutput, logitsOutput, count, target, seed, nndSteps, nndWidth, nndCritic, json, fashionDir,
        };
        cmd.SetAction(parse =>
        {
            try
            {
                var request = new ScoreRequest(parse.GetValue(real)!, parse.GetValue(fake)!, ParseMetrics(parse.GetValue(metrics)!),
                    parse.GetValue(features), parse.GetValue(featuresInput), parse.GetValue(featuresOutput), parse.GetValue(logitsOutput),
                    parse.GetValue(count), parse.GetValue(target), parse.GetValue(seed), parse.GetValue(fashionDir), parse.GetValue(nndSteps), parse.GetValue(nndCritic), parse.GetValue(nndWidth));
                var results = Run(request);
                PrintTable(results);
                if (parse.GetValue(json) is { } file) WriteJson(results, file.FullName);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mlgan score: {ex.Message}");
                return 1;
            }
        });
        return cmd;
    }

    internal sealed record ScoreRequest(string Real, string Fake, GanMetricKinds Metrics, string? Features,
        string? FeaturesInput, string? FeaturesOutput, string? LogitsOutput, int? Count, string? Target, int Seed, string? FashionMnistDirectory,
        int NndSteps = 2000, string? NndCritic = null, int? NndWidth = null);

    /// <summary>Loads both sides, extracts features and computes the metrics; returns (json key, value) in table order.</summary>
    internal static IReadOnlyList<(string Key, double Value)> Run(ScoreRequest r)
    {
        if (r.Count is { } c && c < 2) throw new ArgumentOutOfRangeException("--count", c, $"--count must be ≥ 2; got {c}.");
        var realSource = ScoreSource.Load(r.Real, r.Count, r.Seed, r.FashionMnistDirectory);
        var fakeSource = ScoreSource.Load(r.Fake, r.Count, r.Seed + 1, r.FashionMnistDirectory);
        if (fakeSource.Rows is null)
            throw new ArgumentException($"--fake '{r.Fake}' is a statistics file; the judged side must be samples (statistics serve only as --real, for FID).", "--fake");
        Console.WriteLine($"real: {realSource.Description}");
        Console.WriteLine($"fake: {fakeSource.Description}");

        var mixture = r.Target is { } t
            ? SyntheticTargets.MixtureOf(t) ?? throw new ArgumentException($"--target '{t}' is not a Gaussian-mixture target; use one of: {string.Join(", ", SyntheticTargets.Names.Where(n => SyntheticTargets.MixtureOf(n) is not null))}.", "--target")
            : realSource.Mixture;
        int dimension = fakeSource.Rows[0].Length;
        var extractor = FeatureNets.Resolve(r.Features, dimension, r.FeaturesInput, r.FeaturesOutput, r.LogitsOutput);
        using var owned = extractor as IDisposable;
        Console.WriteLine($"features: {extractor.Name}");

        var options = new GanEvaluationOptions
        {
            FeatureExtractor = extractor, MixtureTarget = mixture, Metrics = r.Metrics, Seed = r.Seed,
            NeuralNetDivergence = r.Metrics.HasFlag(GanMetricKinds.Nnd) ? NndOptions(r, dimension) : null,
        };
        GanMetrics metrics;
        if (realSource.Statistics is { } stats)
        {
            if (r.Metrics != GanMetricKinds.Fid)
                throw new ArgumentException($"--real '{r.Real}' is a statistics file, which only serves FID; use --metrics fid or give real samples.", "--metrics");
            var fakeFeatures = extractor.ExtractFeatures(fakeSource.Rows);
            if (fakeFeatures[0].Length != stats.Dimension)
                throw new ArgumentException($"The statistics in '{r.Real}' are {stats.Dimension}-dimensional but the features ({extractor.Name}) of the fake samples are {fakeFeatures[0].Length}-dimensional; " +
                    "compute the statistics with the same --features (mlgan stats --features ...).", "--features");
            metrics = new GanMetrics { Fid = FrechetDistance.Compute(fakeFeatures, stats) };
        }
        else
        {
            metrics = GanEvaluator.Evaluate(realSource.Rows!, fakeSource.Rows, options, r.Seed);
        }

        var results = new List<(string, double)>();
        void Add(string key, double? value) { if (value is { } v) results.Add((key, v)); }
        Add("fid", metrics.Fid);
        Add("is", metrics.InceptionScore);
        Add("is_std", metrics.InceptionScoreStd);
        Add("kid", metrics.Kid);
        Add("kid_std", metrics.KidStd);
        Add("nnd", metrics.Nnd);
        Add("modes", metrics.ModesCovered);
        Add("hq", metrics.HighQualityRate);
        return results;
    }

    internal static GanMetricKinds ParseMetrics(string text)
    {
        var kinds = GanMetricKinds.None;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            kinds |= name.ToLowerInvariant() switch
            {
                "fid" => GanMetricKinds.Fid,
                "is" => GanMetricKinds.InceptionScore,
                "kid" => GanMetricKinds.Kid,
                "modes" or "hq" => GanMetricKinds.Mixture,
                "nnd" => GanMetricKinds.Nnd,
                _ => throw new ArgumentException($"Unknown metric '{name}' in --metrics; expected a comma-separated list of {string.Join(", ", MetricNames)}.", "--metrics"),
            };
        if (kinds == GanMetricKinds.None) throw new ArgumentException($"--metrics names no metric; expected some of {string.Join(", ", MetricNames)}.", "--metrics");
        return kinds;
    }

    /// <summary>NND settings from the flags; 784-value rows are taken for 1×28×28 images (Fashion-MNIST) and get the DCGAN critic.</summary>
    private static NeuralNetDivergenceOptions NndOptions(ScoreRequest r, int dimension)
    {
        if (r.NndSteps < 1) throw new ArgumentOutOfRangeException("--nnd-steps", r.NndSteps, $"--nnd-steps must be ≥ 1; got {r.NndSteps}.");
        var critic = r.NndCritic?.ToLowerInvariant() switch
        {
            null => dimension == 28 * 28 ? NndCriticKind.Dcgan : NndCriticKind.Mlp,
            "mlp" => NndCriticKind.Mlp,
            "dcgan" => NndCriticKind.Dcgan,
            _ => throw new ArgumentException($"Unknown --nnd-critic '{r.NndCritic}'; expected mlp or dcgan.", "--nnd-critic"),
        };
        if (critic == NndCriticKind.Dcgan && dimension != 28 * 28)
            throw new ArgumentException($"--nnd-critic dcgan needs 1×28×28 images (784 values per row); the samples have {dimension}.", "--nnd-critic");
        if (r.NndWidth is < 1) throw new ArgumentOutOfRangeException("--nnd-width", r.NndWidth, $"--nnd-width must be ≥ 1; got {r.NndWidth}.");
        return new NeuralNetDivergenceOptions { Critic = critic, Steps = r.NndSteps, Width = r.NndWidth ?? (critic == NndCriticKind.Dcgan ? 32 : 128) };
    }

    private static void PrintTable(IReadOnlyList<(string Key, double Value)> results)
    {
        Console.WriteLine($"{"metric",-8} {"value",14}");
        foreach (var (key, value) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-8} {value,14:G6}"));
    }

    private static void WriteJson(IReadOnlyList<(string Key, double Value)> results, string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach (var (key, value) in results) writer.WriteNumber(key, value);
        writer.WriteEndObject();
    }
}
