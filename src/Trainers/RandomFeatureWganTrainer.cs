using MlGan.Transforms.Training;
using Microsoft.ML;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;

namespace MlGan.Trainers;

/// <summary>
/// The random-feature WGAN of No et al. (2021) as an ML.NET estimator: fits θ of
/// g_θ(z) = Σθ_i σ_g(W_i z + b_i) against f_η(x) = ηᵀΨ(x) with the ℓ2-regularised WGAN loss.
/// </summary>
public sealed class RandomFeatureWganTrainer : IEstimator<GeneratorTransformer>
{
    private readonly GanTrainersCatalog _catalog;

    internal RandomFeatureWganTrainer(GanTrainersCatalog catalog, RandomFeatureWganOptions options)
    {
        _catalog = catalog;
        Options = Guard.NotNull(options, nameof(options));
        Options.Validate();
    }

    public RandomFeatureWganOptions Options { get; }

    /// <summary>The training log of the last <see cref="Fit"/> (step, L, J, ‖∇θ‖, α, epoch).</summary>
    public TrainingLog? Log { get; private set; }

    /// <summary>J(θ⁰) on the evaluation sample, before the first step of the last <see cref="Fit"/>.</summary>
    public double? InitialJ { get; private set; }

    /// <summary>The generator and discriminator of the last <see cref="Fit"/>, for inspection and landscape probes.</summary>
    public RandomFeatureWganObjective? Objective { get; private set; }

    public GeneratorTransformer Fit(IDataView input)
    {
        Options.Validate();
        int n = VectorColumn.Validate(input.Schema, Options.FeatureColumnName);
        if (Options.GeneratorWidth <= n)
            throw new ArgumentOutOfRangeException(nameof(Options.GeneratorWidth), Options.GeneratorWidth,
                $"GeneratorWidth (Ng) must exceed the data dimension n = {n} (the first n features are the output bias).");
        TorchNative.EnsureAvailable();
        var ml = _catalog.Context;
        int seed = Options.Seed ?? _catalog.Owner.NextSeed();
        // Reads the evaluation sample and checks every value is finite before anything trains.
        var evaluation = VectorColumn.ReadAll(input, Options.FeatureColumnName, n, Options.EvaluationSampleSize);
        var generator = new RandomFeatureGenerator(Options.LatentDimension, n, Options.GeneratorWidth, Options.GeneratorActivation,
            Options.GeneratorWeightScale, Options.GeneratorBiasScale, Options.ThetaInitScale, seed);
        var discriminator = new RandomFeatureDiscriminator(n, Options.DiscriminatorWidth, Options.DiscriminatorActivation,
            Options.DiscriminatorWeightScale, etaScale: 0, seed: unchecked(seed + 1));
        var objective = new RandomFeatureWganObjective(generator, discriminator);
        using (var stepper = new RandomFeatureWganStepper(objective, Options,
                   new BatchStream(ml, input, Options.FeatureColumnName, Options.BatchSize, unchecked(seed + 2)), evaluation, unchecked(seed + 3)))
        {
            InitialJ = stepper.EvaluationJ();
            Log = GanTrainingLoop.Run(ml, "RandomFeatureWgan", stepper, new TrainingLoopSettings
            {
                Steps = Options.Steps,
                LogEvery = Options.LogEvery,
                Progress = Options.Progress,
                CancellationToken = Options.CancellationToken,
            });
        }
        Objective = objective;
        var metadata = new GeneratorMetadata(Options.LatentDimension, Options.LatentDistribution, new long[] { n },
            generator.Architecture, "wgan-l2", seed);
        var transformer = new GeneratorTransformer(ml, generator, metadata, Options.OutputColumnName, Options.LatentColumnName);
        transformer.GetOutputSchema(VectorDataView.FromRows(ml, Array.Empty<float[]>(), Options.LatentColumnName, Options.LatentDimension).Schema);
        return transformer;
    }

    /// <summary>Output schema for an input with the feature column: the latent column plus the generated column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == Options.FeatureColumnName);
        if (column.Name is null) throw new ArgumentException($"Could not find input column '{Options.FeatureColumnName}'.", nameof(inputSchema));
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != Microsoft.ML.Data.NumberDataViewType.Single)
            throw new ArgumentException($"Schema mismatch for input column '{Options.FeatureColumnName}': expected a known-size vector of Single, got {column.ItemType} ({column.Kind}).", nameof(inputSchema));
        // The fitted transformer reads the latent column and adds the generated column, a float vector like the features.
        return _catalog.Context.Transforms.CopyColumns(Options.OutputColumnName, Options.FeatureColumnName).GetOutputSchema(inputSchema);
    }
}

/// <summary><c>ml.Gan().Trainers.RandomFeatureWgan(...)</c>.</summary>
public static class RandomFeatureWganCatalogExtensions
{
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
