using MlGan.Cli.Commands;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.Metrics;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Scoring;

/// <summary>
/// The work of <c>mlgan score</c>: both sides through one feature extractor (streamed, so image folders of any size
/// fit), keeping only what the requested metrics read (running statistics always; feature rows and class scores when
/// a metric needs them), then the library's <see cref="GanEvaluator"/> runs the metrics on that context, so values,
/// provenance and small-sample warnings come out as <c>ml.Gan().Evaluate</c> gives them.
/// </summary>
internal static class SideBySideScorer
{
    /// <summary>The inputs that come from running the feature net.</summary>
    private const GanMetricInputs FromFeatureNet = GanMetricInputs.FeatureStatistics | GanMetricInputs.Features | GanMetricInputs.GeneratedClassScores;

    /// <summary>The inputs a statistics file cannot give.</summary>
    private const GanMetricInputs BeyondStatistics = GanMetricInputs.Features | GanMetricInputs.GeneratedClassScores
        | GanMetricInputs.Samples | GanMetricInputs.GeneratedSamples;

    public static ScoreReport Score(ScoreCommand.ScoreRequest r)
    {
        if (r.Count is < 2) throw new ArgumentOutOfRangeException("--count", r.Count, $"--count must be ≥ 2; got {r.Count}.");
        if (r.BatchSize < 1) throw new ArgumentOutOfRangeException("--batch-size", r.BatchSize, $"--batch-size must be ≥ 1; got {r.BatchSize}.");
        if (r.PrecisionRecallK < 1) throw new ArgumentOutOfRangeException("--pr-k", r.PrecisionRecallK, $"--pr-k must be ≥ 1; got {r.PrecisionRecallK}.");
        if (r.DensityCoverageK < 1) throw new ArgumentOutOfRangeException("--dc-k", r.DensityCoverageK, $"--dc-k must be ≥ 1; got {r.DensityCoverageK}.");
        using var realSource = ScoreSource.Load(r.Real, r.Count, r.Seed, r.FashionMnistDirectory, r.Labels is not null && r.Real.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? r.Labels : null);
        using var fakeSource = ScoreSource.Load(r.Fake, r.Count, r.Seed + 1, r.FashionMnistDirectory, r.Labels);
        Console.WriteLine($"real: {realSource.Description}");
        Console.WriteLine($"fake: {fakeSource.Description}");

        // What the request (or every default metric) could read decides which target and feature net to prepare.
        var wanted = NeedsOf(r.Metrics ?? [.. GanMetricRegistry.All.Where(m => m.RunsByDefault)]);
        var target = wanted.HasFlag(GanMetricInputs.MixtureTarget) ? Target(r, realSource, required: r.Metrics is not null) : null;
        var warnings = new List<string>();
        var sampleSide = fakeSource.Statistics is null ? fakeSource : realSource.Statistics is null ? realSource : null;
        IFeatureExtractor? extractor = null;
        if ((wanted & FromFeatureNet) != 0 && sampleSide is not null)
            extractor = FeatureNets.Resolve(r.Features, FeatureSides.SampleDimension(sampleSide), r.FeaturesInput, r.FeaturesOutput, r.LogitsOutput,
                r.Preprocessing, unitRangeImages: sampleSide.Images is not null);
        else if (sampleSide is null && r.Features is not null)
            warnings.Add("--features is ignored: both sides are statistics files.");
        using var owned = extractor as IDisposable;
        if (extractor is not null) Console.WriteLine($"features: {extractor.Name} (preprocessing {extractor.Preprocessing})");

        var available = Available(realSource, fakeSource, extractor, target);
        RejectBeyondStatistics(r, realSource, fakeSource, available);
        var metrics = WithFlags(GanMetricRegistry.Select(r.Metrics, available), r, fakeSource);
        var needs = NeedsOf(metrics);

        FeatureSide? real = null, fake = null;
        bool bothSides = (needs & (GanMetricInputs.FeatureStatistics | GanMetricInputs.Features)) != 0;
        if (bothSides || needs.HasFlag(GanMetricInputs.GeneratedClassScores))
            fake = FeatureSides.Extract("fake", fakeSource, extractor, r.Preprocessing, new((needs & (GanMetricInputs.Features | GanMetricInputs.GeneratedClassScores)) != 0,
                needs.HasFlag(GanMetricInputs.GeneratedClassScores), r.SkipBad, r.Quiet, r.BatchSize));
        if (bothSides)
            real = FeatureSides.Extract("real", realSource, extractor, r.Preprocessing, new(needs.HasFlag(GanMetricInputs.Features), false, r.SkipBad, r.Quiet, r.BatchSize));
        foreach (var side in new[] { real, fake })
            if (side?.Skipped.Count > 0) warnings.Add($"{side.Label}: skipped {side.Skipped.Count} unreadable image(s), e.g. '{side.Skipped[0]}'.");
        if (real is not null && fake is not null)
        {
            CheckComparable(real, fake, r.AllowMismatch, warnings);
            if (real.Statistics.Dimension != fake.Statistics.Dimension)
                throw new ArgumentException($"The real side has {real.Statistics.Dimension}-dimensional features but the fake side {fake.Statistics.Dimension}-dimensional; " +
                    "compute statistics with the same --features (mlgan stats --features ...).", "--features");
        }

        var context = new GanMetricContext(real?.ToMetricSide() ?? new GanMetricSide(realSource.Rows), fake?.ToMetricSide() ?? new GanMetricSide(fakeSource.Rows),
            r.Seed, target);
        var result = GanEvaluator.Evaluate(context, metrics);
        warnings.AddRange(result.Provenance.Values.SelectMany(p => p.Warnings));
        return new ScoreReport(result, warnings);
    }

    private static GanMetricInputs NeedsOf(IEnumerable<GanMetric> metrics) => metrics.Aggregate(GanMetricInputs.None, (all, m) => all | m.Needs);

    /// <summary>What the sources will give once the needed features are extracted (known before extracting, to choose what to keep).</summary>
    private static GanMetricInputs Available(ScoreSource real, ScoreSource fake, IFeatureExtractor? extractor, GaussianMixture? target)
    {
        bool anyStatistics = real.Statistics is not null || fake.Statistics is not null;
        var inputs = GanMetricInputs.None;
        if (extractor is not null || real.Statistics is not null && fake.Statistics is not null) inputs |= GanMetricInputs.FeatureStatistics;
        if (extractor is not null && !anyStatistics) inputs |= GanMetricInputs.Features;
        if (extractor is not null && fake.Statistics is null && extractor.ClassScores != ClassScoreKind.None) inputs |= GanMetricInputs.GeneratedClassScores;
        if (real.Rows is not null && fake.Rows is not null) inputs |= GanMetricInputs.Samples;
        if (fake.Rows is not null) inputs |= GanMetricInputs.GeneratedSamples;
        if (target is not null) inputs |= GanMetricInputs.MixtureTarget;
        return inputs;
    }

    /// <summary>A requested metric that needs more than a statistics file holds: say so in terms of the flags.</summary>
    private static void RejectBeyondStatistics(ScoreCommand.ScoreRequest r, ScoreSource real, ScoreSource fake, GanMetricInputs available)
    {
        var (flag, path) = real.Statistics is not null ? ("--real", r.Real) : fake.Statistics is not null ? ("--fake", r.Fake) : (null, null);
        if (flag is null || r.Metrics?.FirstOrDefault(m => (m.Needs & ~available & BeyondStatistics) != 0) is not { } unserved) return;
        var served = string.Join(",", GanMetricRegistry.All.Where(m => (m.Needs & BeyondStatistics) == 0 && (m.Needs & ~available) == 0).Select(m => m.Key));
        throw new ArgumentException($"{flag} '{path}' is a statistics file, which only serves FID-like metrics of feature statistics ({served}), " +
            $"not {unserved.Key}; use --metrics {served} or give samples.", "--metrics");
    }

    /// <summary>The metrics with the settings the flags give (--pr-k, --dc-k, --nnd-*); the others keep the registry's defaults.</summary>
    private static List<GanMetric> WithFlags(IReadOnlyList<GanMetric> metrics, ScoreCommand.ScoreRequest r, ScoreSource fake) =>
    [
        .. metrics.Select(m => m switch
        {
            PrecisionRecallMetric => new PrecisionRecallMetric(r.PrecisionRecallK),
            DensityCoverageMetric => new DensityCoverageMetric(r.DensityCoverageK),
            NeuralNetDivergenceMetric => new NeuralNetDivergenceMetric(NndOptions(r, fake.Rows![0].Length)),
            _ => m,
        }),
    ];

    /// <summary>Statistics made with another extractor or preprocessing are not comparable: an error unless allowed.</summary>
    private static void CheckComparable(FeatureSide real, FeatureSide fake, bool allowMismatch, List<string> warnings)
    {
        if (real.Provenance is null || fake.Provenance is null)
        {
            var bare = real.Provenance is null ? real : fake;
            warnings.Add($"the {bare.Label} statistics carry no provenance (a pytorch-fid / clean-fid .npz or an old MlGan file): MlGan cannot check that they were made with the same feature net and preprocessing.");
            return;
        }
        var mismatches = StatisticsProvenance.Mismatches(real.Provenance, fake.Provenance);
        if (mismatches.Count == 0) return;
        string text = "the two sides were not made the same way: " + string.Join("; ", mismatches);
        if (!allowMismatch) throw new ArgumentException(text + ". Recompute one side, or pass --allow-mismatch to compare anyway.", "--real");
        warnings.Add(text + " (compared anyway: --allow-mismatch).");
    }

    /// <summary>The mixture the real data came from: --target, else a --real that names one; <paramref name="required"/>: an error when there is none.</summary>
    private static GaussianMixture? Target(ScoreCommand.ScoreRequest r, ScoreSource real, bool required)
    {
        if (r.Target is { } t)
            return SyntheticTargets.MixtureOf(t) ?? throw new ArgumentException($"--target '{t}' is not a Gaussian-mixture target; use one of: {string.Join(", ", SyntheticTargets.Names.Where(n => SyntheticTargets.MixtureOf(n) is not null))}.", "--target");
        if (real.Mixture is null && required)
            throw new ArgumentException("The mixture metrics need a Gaussian-mixture target: name one with --target, or give it as --real (e.g. ring8).", "--metrics");
        return real.Mixture;
    }

    /// <summary>NND settings from the flags; 784-value rows are taken for 1×28×28 images (Fashion-MNIST) and get the DCGAN critic.</summary>
    private static NeuralNetDivergenceOptions NndOptions(ScoreCommand.ScoreRequest r, int dimension)
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
}
