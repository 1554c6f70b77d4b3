using MlGan.Transforms.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;

namespace MlGan.Trainers;

/// <summary>
/// The random-feature WGAN of No et al. (2021) as an ML.NET estimator: fits θ of
/// g_θ(z) = Σθ_i σ_g(W_i z + b_i) against f_η(x) = ηᵀΨ(x) with the ℓ2-regularised WGAN loss. An immutable recipe
/// (it copies its options); the run's log, J(θ⁰) and objective come back on the fitted generator
/// (<c>generator.RandomFeatureTraining()</c>).
/// </summary>
public sealed class RandomFeatureWganTrainer : IEstimator<GeneratorTransformer>
{
    private readonly GanTrainersCatalog _catalog;
    private readonly RandomFeatureWganOptions _options;
    private readonly GeneratorEstimatorCore _core;

    internal RandomFeatureWganTrainer(GanTrainersCatalog catalog, RandomFeatureWganOptions options)
    {
        _catalog = catalog;
        _options = Guard.NotNull(options, nameof(options)).Clone();
        _options.Validate();
        _core = new GeneratorEstimatorCore(catalog.Context, _options.FeatureColumnName, _options.LatentColumnName, _options.OutputColumnName);
    }

    /// <summary>A copy of the options this trainer was built with (changing it does not change the trainer).</summary>
    public RandomFeatureWganOptions Options => _options.Clone();

    /// <summary>Trains on <paramref name="input"/>'s feature column; the run's results are in the generator's <see cref="GeneratorTransformer.Training"/>.</summary>
    public GeneratorTransformer Fit(IDataView input) => _core.Fit(input, n => Train(input, n));

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);

    private GeneratorTransformer Train(IDataView input, int n)
    {
        var o = _options;
        if (o.GeneratorWidth <= n)
            throw new ArgumentOutOfRangeException(nameof(o.GeneratorWidth), o.GeneratorWidth,
                $"GeneratorWidth (Ng) must exceed the data dimension n = {n} (the first n features are the output bias).");
        TorchNative.EnsureAvailable();
        var ml = _catalog.Context;
        int seed = o.Seed ?? _catalog.Owner.NextSeed();
        var evaluation = VectorColumn.ReadAll(input, o.FeatureColumnName, n, o.EvaluationSampleSize);
        var generator = new RandomFeatureGenerator(o.LatentDimension, n, o.GeneratorWidth, o.GeneratorActivation,
            o.GeneratorWeightScale, o.GeneratorBiasScale, o.ThetaInitScale, seed);
        var discriminator = new RandomFeatureDiscriminator(n, o.DiscriminatorWidth, o.DiscriminatorActivation,
            o.DiscriminatorWeightScale, etaScale: 0, seed: unchecked(seed + 1));
        var objective = new RandomFeatureWganObjective(generator, discriminator);
        double initialJ;
        TrainingLog log;
        var warnings = new List<string>();
        using var thetaBefore = generator.Theta.detach().clone();
        using (var stepper = new RandomFeatureWganStepper(objective, o,
                   new BatchStream(ml, input, o.FeatureColumnName, o.BatchSize, unchecked(seed + 2)), evaluation, unchecked(seed + 3)))
        {
            initialJ = stepper.EvaluationJ();
            log = GanTrainingLoop.Run(ml, "RandomFeatureWgan", stepper, new TrainingLoopSettings
            {
                Steps = o.Steps,
                LogEvery = o.LogEvery,
                Progress = o.Progress,
                CancellationToken = o.CancellationToken,
                Monitors = [new RandomFeatureStallDetector(initialJ)],
                Warnings = warnings,
            });
        }
        // A run whose θ never moved is a stall, not a result: say so instead of returning the initial generator.
        if (thetaBefore.eq(generator.Theta.detach()).all().item<bool>())
            throw new InvalidOperationException($"Random-feature WGAN: θ did not move in {o.Steps} steps (J stayed at {initialJ:G4}). " +
                (warnings.Count > 0 ? $"First warning: {warnings[0]}" : "The θ gradient was 0 at every step: the critic's features saturate (lower DiscriminatorWeightScale / GeneratorWeightScale) or LearningRate is too small."));
        var metadata = new GeneratorMetadata(o.LatentDimension, o.LatentDistribution, new long[] { n }, generator.Architecture, "wgan-l2", seed);
        var result = new RandomFeatureWganTrainingResult(log, seed, o.Steps, initialJ, objective, warnings);
        return new GeneratorTransformer(ml, generator, metadata, o.OutputColumnName, o.LatentColumnName, result);
    }
}

/// <summary><c>ml.Gan().Trainers.RandomFeatureWgan(...)</c>.</summary>
public static class RandomFeatureWganCatalogExtensions
{
    /// <summary>A random-feature WGAN trainer with a validated copy of <paramref name="options"/>.</summary>
    /// <param name="catalog">The trainers catalog (<c>ml.Gan().Trainers</c>).</param>
    /// <param name="options">The options; null: the defaults (No et al.'s Fig. 4 networks, Gauss–Newton θ step).</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (<see cref="RandomFeatureWganOptions.Validate"/>).</exception>
    public static RandomFeatureWganTrainer RandomFeatureWgan(this GanTrainersCatalog catalog, RandomFeatureWganOptions? options = null) =>
        new(Guard.NotNull(catalog, nameof(catalog)), options ?? new RandomFeatureWganOptions());

    /// <summary>The common knobs; everything else (and <paramref name="steps"/> when null) keeps the options' defaults.</summary>
    public static RandomFeatureWganTrainer RandomFeatureWgan(this GanTrainersCatalog catalog, int generatorWidth, int discriminatorWidth,
        int latentDimension = 2, int? steps = null, string featureColumnName = GanDataCatalog.FeaturesColumn)
    {
        var options = new RandomFeatureWganOptions
        {
            GeneratorWidth = generatorWidth,
            DiscriminatorWidth = discriminatorWidth,
            LatentDimension = latentDimension,
            FeatureColumnName = featureColumnName,
        };
        if (steps is { } s) options.Steps = s;
        return catalog.RandomFeatureWgan(options);
    }
}
