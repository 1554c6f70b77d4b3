using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlGan.Cli.Scoring;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Commands;

/// <summary>
/// `mlgan score --real A --fake B --metrics fid,is,kid,prdc,modes,nnd`: compares generated samples with real ones
/// (sources: see <see cref="ScoreSource"/>; image folders stream), prints a table and optionally writes JSON with one
/// key per value (the metrics' <see cref="GanMetric.ValueNames"/>: fid, is, is_std, kid, kid_std, precision, recall,
/// density, coverage, nnd, modes, mode_count, hq, mode_kl), plus "provenance" (per metric key: extractor and its SHA-256,
/// preprocessing, N real / fake, feature dimension, seed and the metric's own settings) and "warnings". Metric names,
/// defaults and the help text come from <see cref="GanMetricRegistry"/>. Statistics files serve FID only; they must
/// come from the same extractor and preprocessing as the other side.
/// </summary>
public static class ScoreCommand
{
    /// <summary>The `score` sub-command: its options and action.</summary>
    public static Command Create()
    {
        var real = new Option<string>("--real") { Description = $"Reference data: {ScoreSource.Syntax}.", Required = true };
        var fake = new Option<string>("--fake") { Description = $"Data to judge: {ScoreSource.Syntax}.", Required = true };
        var metrics = new Option<string?>("--metrics") { Description = MetricsHelp() };
        var features = new Option<string?>("--features") { Description = $"Feature net: {FeatureNets.Syntax}." };
        var featuresInput = new Option<string?>("--features-input") { Description = "Input name of a custom feature net (default: its only input)." };
        var featuresOutput = new Option<string?>("--features-output") { Description = "Feature output of a custom net (default: 'features' if present, else its first output)." };
        var logitsOutput = new Option<string?>("--logits-output") { Description = "Logits output of a custom net, for IS (default: 'logits' if present)." };
        var preprocess = StatsCommand.PreprocessOption();
        var count = new Option<int?>("--count") { Description = "Rows / images read from each data source (default all); samples drawn from a generator or synthetic target (default 10000)." };
        var target = new Option<string?>("--target") { Description = $"Gaussian-mixture target for 'modes' ({string.Join(", ", SyntheticTargets.Names.Where(n => SyntheticTargets.MixtureOf(n) is not null))}); implied when --real names one." };
        var seed = new Option<int>("--seed") { Description = "Seed of generator latents (real: seed, fake: seed + 1), KID subsets and NND.", DefaultValueFactory = _ => 1 };
        var prK = new Option<int>("--pr-k") { Description = "k of improved precision and recall (k-NN radius).", DefaultValueFactory = _ => 3 };
        var dcK = new Option<int>("--dc-k") { Description = "k of density and coverage (k-NN radius).", DefaultValueFactory = _ => 5 };
        var nndSteps = new Option<int>("--nnd-steps") { Description = "Critic updates of the neural-net divergence.", DefaultValueFactory = _ => new NeuralNetDivergenceOptions().Steps };
        var nndWidth = new Option<int?>("--nnd-width") { Description = "NND critic width: MLP hidden units or DCGAN base channels (default 128 / 32)." };
        var nndCritic = new Option<string?>("--nnd-critic") { Description = "NND critic: mlp or dcgan (default: dcgan for 784-value rows read as 1×28×28, else mlp)." };
        var allowMismatch = new Option<bool>("--allow-mismatch") { Description = "Compare statistics made with different extractors or preprocessing anyway (a warning instead of an error)." };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip images that cannot be decoded (and report how many) instead of stopping." };
        var batch = new Option<int>("--batch-size") { Description = "Samples per feature-net batch.", DefaultValueFactory = _ => 64 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the metrics and their provenance as a JSON object to this file (no progress bar)." };
        var fashionDir = new Option<string?>("--fashion-mnist-dir") { Description = "Directory of the Fashion-MNIST IDX files (default: Debian's)." };
        var labels = new Option<string?>("--labels") { Description = "Classes a class-conditional generator (--fake GENERATOR.onnx) draws, comma-separated, cycled so each gets an equal share (default: all of its classes)." };
        var cmd = new Command("score", "Score generated samples against real ones: FID, Inception score, KID, precision/recall, density/coverage, mixture modes, neural-net divergence.")
        {
            real, fake, metrics, features, featuresInput, featuresOutput, logitsOutput, preprocess, count, target, seed, prK, dcK,
            nndSteps, nndWidth, nndCritic, allowMismatch, skipBad, batch, json, fashionDir, labels,
        };
        cmd.SetAction(parse => CliErrors.Run("score", () =>
        {
            var request = new ScoreRequest(parse.GetValue(real)!, parse.GetValue(fake)!, ParseMetrics(parse.GetValue(metrics)),
                parse.GetValue(features), parse.GetValue(featuresInput), parse.GetValue(featuresOutput), parse.GetValue(logitsOutput),
                parse.GetValue(count), parse.GetValue(target), parse.GetValue(seed), parse.GetValue(fashionDir), parse.GetValue(nndSteps),
                parse.GetValue(nndCritic), parse.GetValue(nndWidth))
            {
                Preprocessing = StatsCommand.ParsePreprocess(parse.GetValue(preprocess)!),
                PrecisionRecallK = parse.GetValue(prK), DensityCoverageK = parse.GetValue(dcK),
                AllowMismatch = parse.GetValue(allowMismatch), SkipBad = parse.GetValue(skipBad), BatchSize = parse.GetValue(batch),
                Quiet = parse.GetValue(json) is not null,
                Labels = ParseLabels(parse.GetValue(labels)),
            };
            var report = SideBySideScorer.Score(request);
            PrintTable(report);
            if (parse.GetValue(json) is { } file) WriteJson(report, file.FullName);
            return 0;
        }));
        return cmd;
    }

    /// <summary>A parsed command line; <paramref name="Metrics"/> null: the default metrics the sources allow.</summary>
    internal sealed record ScoreRequest(string Real, string Fake, IReadOnlyList<GanMetric>? Metrics, string? Features,
        string? FeaturesInput, string? FeaturesOutput, string? LogitsOutput, int? Count, string? Target, int Seed, string? FashionMnistDirectory,
        int NndSteps = 2000, string? NndCritic = null, int? NndWidth = null)
    {
        public FeaturePreprocessing Preprocessing { get; init; } = FeaturePreprocessing.Custom;
        public int PrecisionRecallK { get; init; } = 3;
        public int DensityCoverageK { get; init; } = 5;
        public bool AllowMismatch { get; init; }
        public bool SkipBad { get; init; }
        public int BatchSize { get; init; } = 64;
        public bool Quiet { get; init; } = true;
        /// <summary>Classes a conditional generator draws (null: all of them, balanced).</summary>
        public IReadOnlyList<int>? Labels { get; init; }
    }

    /// <summary>The classes --labels names (null when absent).</summary>
    internal static IReadOnlyList<int>? ParseLabels(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException("--labels names no class; expected comma-separated class indices such as 0,3,7.", "--labels");
        return parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c
            : throw new ArgumentException($"--labels: '{p}' is not a class index (a non-negative integer).", "--labels")).ToArray();
    }

    /// <summary>The metrics --metrics names (null when the option is absent: the defaults), in registry order.</summary>
    internal static IReadOnlyList<GanMetric>? ParseMetrics(string? text)
    {
        if (text is null) return null;
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string expected = $"expected a comma-separated list of {string.Join(", ", GanMetricRegistry.Names)}";
        if (names.FirstOrDefault(n => GanMetricRegistry.Resolve(n).Count == 0) is { } unknown)
            throw new ArgumentException($"Unknown metric '{unknown}' in --metrics; {expected}.", "--metrics");
        if (names.Length == 0) throw new ArgumentException($"--metrics names no metric; {expected}.", "--metrics");
        return GanMetricRegistry.Parse(text);
    }

    /// <summary>The --metrics help: every registered metric with its other names and the JSON keys of its values, the groups, the defaults.</summary>
    private static string MetricsHelp()
    {
        var all = GanMetricRegistry.All;
        bool Shared(string alias) => all.Count(m => m.Aliases.Contains(alias)) > 1;
        var metrics = all.Select(m => string.Join(" | ", m.Aliases.Where(a => !Shared(a)).Prepend(m.Key)) + $" [{string.Join(", ", m.ValueNames)}]");
        var groups = all.SelectMany(m => m.Aliases).Where(Shared).Distinct()
            .Select(g => $"{g} = {string.Join(" + ", all.Where(m => m.Aliases.Contains(g)).Select(m => m.Key))}");
        return $"Comma-separated metrics (name | other names [JSON keys]): {string.Join("; ", metrics)}; groups: {string.Join("; ", groups)}. " +
            $"Default: those of {string.Join(", ", all.Where(m => m.RunsByDefault).Select(m => m.Key))} that the sources allow.";
    }

    private static void PrintTable(ScoreReport report)
    {
        Console.WriteLine($"{"metric",-10} {"value",14}");
        foreach (var (key, value) in report.Metrics.Values)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-10} {value,14:G6}"));
        foreach (var warning in report.Warnings) Console.Error.WriteLine($"mlgan score: warning: {warning}");
    }

    private static void WriteJson(ScoreReport report, string path)
    {
        string temp = path + ".tmp-" + Environment.ProcessId;
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in report.Metrics.Values) writer.WriteNumber(key, value);
            writer.WritePropertyName("provenance");
            JsonSerializer.Serialize(writer, report.JsonProvenance());
            writer.WritePropertyName("warnings");
            JsonSerializer.Serialize(writer, report.Warnings);
            writer.WriteString("mlgan_version", StatisticsProvenance.CurrentMlGanVersion);
            writer.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true);
    }
}
