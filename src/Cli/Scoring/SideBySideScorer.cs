using MlGan.Cli.Commands;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Transforms.Data;

namespace MlGan.Cli.Scoring;

/// <summary>
/// The work of <c>mlgan score</c>: both sides through one feature extractor (streamed, so image folders of any size
/// fit), then every requested metric on the features (FID from the running statistics; IS, KID, precision/recall
/// and density/coverage on the kept rows; mixture metrics and NND on the raw samples), each with its provenance.
/// </summary>
internal static class SideBySideScorer
{
    private const GanMetricKinds FeatureMetrics = GanMetricKinds.Fid | GanMetricKinds.InceptionScore | GanMetricKinds.Kid
        | GanMetricKinds.PrecisionRecall | GanMetricKinds.DensityCoverage;
    private const GanMetricKinds RowMetrics = GanMetricKinds.InceptionScore | GanMetricKinds.Kid
        | GanMetricKinds.PrecisionRecall | GanMetricKinds.DensityCoverage;

    public static ScoreReport Score(ScoreCommand.ScoreRequest r)
    {
        if (r.Count is < 2) throw new ArgumentOutOfRangeException("--count", r.Count, $"--count must be ≥ 2; got {r.Count}.");
        if (r.BatchSize < 1) throw new ArgumentOutOfRangeException("--batch-size", r.BatchSize, $"--batch-size must be ≥ 1; got {r.BatchSize}.");
        if (r.PrecisionRecallK < 1) throw new ArgumentOutOfRangeException("--pr-k", r.PrecisionRecallK, $"--pr-k must be ≥ 1; got {r.PrecisionRecallK}.");
        if (r.DensityCoverageK < 1) throw new ArgumentOutOfRangeException("--dc-k", r.DensityCoverageK, $"--dc-k must be ≥ 1; got {r.DensityCoverageK}.");
        using var realSource = ScoreSource.Load(r.Real, r.Count, r.Seed, r.FashionMnistDirectory);
        using var fakeSource = ScoreSource.Load(r.Fake, r.Count, r.Seed + 1, r.FashionMnistDirectory);
        Console.WriteLine($"real: {realSource.Description}");
        Console.WriteLine($"fake: {fakeSource.Description}");
        var metrics = r.Metrics;
        var statisticsSide = realSource.Statistics is not null ? "--real" : fakeSource.Statistics is not null ? "--fake" : null;
        if (statisticsSide is not null && metrics != GanMetricKinds.Fid)
            throw new ArgumentException($"{statisticsSide} '{(statisticsSide == "--real" ? r.Real : r.Fake)}' is a statistics file, which only serves FID; use --metrics fid or give samples.", "--metrics");

        var mixture = metrics.HasFlag(GanMetricKinds.Mixture) ? Mixture(r, realSource, fakeSource) : null;
        if (metrics.HasFlag(GanMetricKinds.Nnd) && (realSource.Rows is null || fakeSource.Rows is null))
            throw new ArgumentException("nnd trains a critic on raw samples held in memory (CSV, Fashion-MNIST, a generator, a synthetic target); it does not read image folders or statistics.", "--metrics");

        var warnings = new List<string>();
        var sampleSide = fakeSource.Statistics is null ? fakeSource : realSource.Statistics is null ? realSource : null;
        IFeatureExtractor? extractor = null;
        if ((metrics & FeatureMetrics) != 0 && sampleSide is not null)
            extractor = FeatureNets.Resolve(r.Features, FeatureSides.SampleDimension(sampleSide), r.FeaturesInput, r.FeaturesOutput, r.LogitsOutput,
                r.Preprocessing, unitRangeImages: sampleSide.Images is not null);
        else if (sampleSide is null && r.Features is not null)
            warnings.Add("--features is ignored: both sides are statistics files.");
        using var owned = extractor as IDisposable;
        if (extractor is not null) Console.WriteLine($"features: {extractor.Name} (preprocessing {extractor.Preprocessing})");

        var values = new List<(string, double)>();
        var provenance = new Dictionary<string, Dictionary<string, object?>>();
        FeatureSide? real = null, fake = null;
        if ((metrics & FeatureMetrics) != 0)
        {
            bool keep = (metrics & RowMetrics) != 0;
            real = FeatureSides.Extract("real", realSource, extractor, r.Preprocessing, new(keep, false, r.SkipBad, r.Quiet, r.BatchSize));
            fake = FeatureSides.Extract("fake", fakeSource, extractor, r.Preprocessing,
                new(keep, metrics.HasFlag(GanMetricKinds.InceptionScore), r.SkipBad, r.Quiet, r.BatchSize));
            foreach (var side in new[] { real, fake })
                if (side.Skipped.Count > 0) warnings.Add($"{side.Label}: skipped {side.Skipped.Count} unreadable image(s), e.g. '{side.Skipped[0]}'.");
            CheckComparable(real, fake, r.AllowMismatch, warnings);
            if (real.Statistics.Dimension != fake.Statistics.Dimension)
                throw new ArgumentException($"The real side has {real.Statistics.Dimension}-dimensional features but the fake side {fake.Statistics.Dimension}-dimensional; " +
                    "compute statistics with the same --features (mlgan stats --features ...).", "--features");
            ComputeFeatureMetrics(r, metrics, real, fake, values, provenance, warnings);
        }
        if (metrics.HasFlag(GanMetricKinds.Nnd))
        {
            var nnd = NndOptions(r, fakeSource.Rows![0].Length);
            values.Add(("nnd", NeuralNetDivergence.Compute(realSource.Rows!, fakeSource.Rows!, nnd, r.Seed)));
            provenance["nnd"] = new()
            {
                ["extractor"] = "none (raw samples)", ["n_real"] = realSource.Rows!.Length, ["n_fake"] = fakeSource.Rows!.Length, ["seed"] = r.Seed,
                ["critic"] = nnd.Critic.ToString().ToLowerInvariant(), ["width"] = nnd.Width, ["steps"] = nnd.Steps,
            };
        }
        if (mixture is not null)
        {
            var m = MixtureMetrics.Compute(fakeSource.Rows!, mixture);
            values.Add(("modes", m.ModesCovered));
            values.Add(("hq", m.HighQualityRate));
            provenance["modes"] = new()
            {
                ["extractor"] = "none (raw samples)", ["n_fake"] = fakeSource.Rows!.Length, ["modes"] = m.ModeCount,
                ["std_multiplier"] = MixtureMetrics.DefaultStdMultiplier, ["coverage_fraction"] = MixtureMetrics.DefaultCoverageFraction,
            };
        }
        return new ScoreReport(Order(values), provenance, warnings);
    }

    private static void ComputeFeatureMetrics(ScoreCommand.ScoreRequest r, GanMetricKinds metrics, FeatureSide real, FeatureSide fake,
        List<(string, double)> values, Dictionary<string, Dictionary<string, object?>> provenance, List<string> warnings)
    {
        int d = real.Statistics.Dimension;
        Dictionary<string, object?> Common() => new()
        {
            ["extractor"] = (fake.Provenance ?? real.Provenance)?.Extractor,
            ["extractor_sha256"] = (fake.Provenance ?? real.Provenance)?.ExtractorSha256,
            ["preprocessing"] = (fake.Provenance ?? real.Provenance)?.Preprocessing,
            ["n_real"] = real.Count, ["n_fake"] = fake.Count, ["feature_dimension"] = d, ["seed"] = r.Seed,
        };
        void SmallSample(string metric)
        {
            foreach (var side in new[] { real, fake })
                if (side.Count is { } n && n < d)
                    warnings.Add($"{metric}: the {side.Label} side has N = {n} < d = {d} features: its covariance is singular, so the value is biased and not comparable with published numbers.");
        }
        if (metrics.HasFlag(GanMetricKinds.Fid))
        {
            var fid = FrechetDistance.ComputeDetailed(real.Statistics, fake.Statistics);
            values.Add(("fid", fid.Value));
            var p = Common();
            p["sqrt_route"] = fid.SqrtRoute;
            p["smallest_eigenvalue"] = fid.SmallestEigenvalue;
            p["clipped_negative_mass"] = fid.ClippedNegativeMass;
            provenance["fid"] = p;
            SmallSample("fid");
        }
        if (metrics.HasFlag(GanMetricKinds.InceptionScore))
        {
            if (fake.Extraction!.ClassScores is null)
                throw new ArgumentException($"The Inception score needs class scores, but the feature net '{fake.Provenance?.Extractor}' gives none; use a classifier with a logits output (--logits-output).", "--metrics");
            var score = fake.Extraction.InceptionScore(InceptionScore.DefaultSplits);
            values.Add(("is", score.Mean));
            values.Add(("is_std", score.Std));
            var p = Common();
            p["splits"] = InceptionScore.DefaultSplits;
            provenance["is"] = p;
        }
        if (metrics.HasFlag(GanMetricKinds.Kid))
        {
            var kid = KernelInceptionDistance.Compute(real.Extraction!.Features, fake.Extraction!.Features,
                KernelInceptionDistance.DefaultSubsets, KernelInceptionDistance.DefaultSubsetSize, r.Seed);
            values.Add(("kid", kid.Mean));
            values.Add(("kid_std", kid.Std));
            var p = Common();
            p["subsets"] = KernelInceptionDistance.DefaultSubsets;
            p["subset_size"] = Math.Min(KernelInceptionDistance.DefaultSubsetSize, Math.Min(real.Extraction.Features.Length, fake.Extraction.Features.Length));
            provenance["kid"] = p;
        }
        if (metrics.HasFlag(GanMetricKinds.PrecisionRecall))
        {
            var pr = PrecisionRecall.Compute(real.Extraction!.Features, fake.Extraction!.Features, r.PrecisionRecallK);
            values.Add(("precision", pr.Precision));
            values.Add(("recall", pr.Recall));
            var p = Common();
            p["k"] = r.PrecisionRecallK;
            provenance["precision_recall"] = p;
        }
        if (metrics.HasFlag(GanMetricKinds.DensityCoverage))
        {
            var dc = DensityCoverage.Compute(real.Extraction!.Features, fake.Extraction!.Features, r.DensityCoverageK);
            values.Add(("density", dc.Density));
            values.Add(("coverage", dc.Coverage));
            var p = Common();
            p["k"] = r.DensityCoverageK;
            provenance["density_coverage"] = p;
        }
    }

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

    private static GaussianMixture Mixture(ScoreCommand.ScoreRequest r, ScoreSource real, ScoreSource fake)
    {
        if (fake.Rows is null) throw new ArgumentException("modes needs generated samples held in memory (CSV, a generator, a synthetic target), not images or statistics.", "--metrics");
        if (r.Target is { } t)
            return SyntheticTargets.MixtureOf(t) ?? throw new ArgumentException($"--target '{t}' is not a Gaussian-mixture target; use one of: {string.Join(", ", SyntheticTargets.Names.Where(n => SyntheticTargets.MixtureOf(n) is not null))}.", "--target");
        return real.Mixture ?? throw new ArgumentException("The mixture metrics need a Gaussian-mixture target: name one with --target, or give it as --real (e.g. ring8).", "--metrics");
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

    private static readonly string[] KeyOrder = ["fid", "is", "is_std", "kid", "kid_std", "precision", "recall", "density", "coverage", "nnd", "modes", "hq"];

    private static IReadOnlyList<(string Key, double Value)> Order(List<(string Key, double Value)> values) =>
        values.OrderBy(v => Array.IndexOf(KeyOrder, v.Key)).ToList();
}
