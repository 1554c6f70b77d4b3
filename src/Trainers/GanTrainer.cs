using MlGan.Transforms.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Text.Json;
using MlGan.Trainers.Checkpoints;
using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;
using MlGan.Transforms.Onnx;
using TorchSharp;

namespace MlGan.Trainers;

/// <summary>
/// The general GAN estimator: any loss × network pair × dynamics over a vector&lt;float&gt; column, trained by the
/// one <see cref="GanTrainingLoop"/> with a <see cref="GanStepper"/>; batches stream from the IDataView.
/// </summary>
public sealed class GanTrainer : IEstimator<GeneratorTransformer>
{
    private readonly GanTrainersCatalog _catalog;

    internal GanTrainer(GanTrainersCatalog catalog, GanTrainerOptions options)
    {
        _catalog = catalog;
        Options = Guard.NotNull(options, nameof(options));
        Options.Validate();
    }

    public GanTrainerOptions Options { get; }
    /// <summary>The log of the last Fit: step, d_loss, g_loss, d_grad_norm, g_grad_norm, gp.</summary>
    public TrainingLog? Log { get; private set; }
    public CollapseBasinDetector? CollapseDetector { get; private set; }
    public VanishingGradientDetector? VanishingGradient { get; private set; }
    /// <summary>The critic of the last Fit.</summary>
    public DiscriminatorModule? Discriminator { get; private set; }

    public GeneratorTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Options.Validate();
        TorchNative.EnsureAvailable();
        long[] shape = SampleShape(input.Schema);
        CheckRows(input);
        var ml = _catalog.Context;
        var resume = Options.ResumeFrom is { } from ? GanCheckpoint.Open(from) : null;
        int seed = resume?.Manifest.Seed ?? Options.Seed ?? _catalog.Owner.NextSeed();
        var device = DeviceFactory.Parse(Options.Device);
        var loss = GanLosses.ByName(Options.Loss);
        var (generator, critic) = BuildNetworks(shape, seed);
        if (resume is not null)
        {
            CheckCompatible(resume, shape, generator, critic);
            resume.RestoreNetworks(generator, critic);
        }
        using var batches = new BatchStream(ml, input, Options.FeatureColumnName, Options.BatchSize, unchecked(seed + 2));
        Func<torch.Tensor> real = () => torch.tensor(batches.Next(), [Options.BatchSize, .. shape]).to(device);
        CollapseDetector = new CollapseBasinDetector(loss, Options.CollapseWindow);
        VanishingGradient = new VanishingGradientDetector();
        using (var stepper = new GanStepper(generator, critic, loss, Options.Settings(), real, unchecked(seed + 3), device))
        {
            resume?.RestoreTraining(stepper, batches);
            int start = Math.Min(resume?.Manifest.Step ?? 0, Options.Steps);
            Log = GanTrainingLoop.Run(ml, "Gan", stepper, new TrainingLoopSettings
            {
                Steps = Options.Steps, LogEvery = Options.LogEvery, Progress = Options.Progress,
                CancellationToken = Options.CancellationToken, Monitors = [CollapseDetector, VanishingGradient],
                StartStep = start, Log = resume?.RestoreLog(), CheckpointEvery = Options.CheckpointEvery,
                Checkpoint = (done, log) => LastCheckpoint = WriteCheckpoint(done, log, seed, shape, loss, generator, critic, stepper, batches),
            });
            stepper.Ema?.CopyTo(generator);
        }
        generator.to(torch.CPU);
        generator.eval();
        Discriminator = critic;
        return new GeneratorTransformer(ml, generator, Metadata(generator, loss, seed, shape), Options.OutputColumnName, Options.LatentColumnName);
    }

    /// <summary>Path of the last checkpoint the last Fit wrote (null if none).</summary>
    public string? LastCheckpoint { get; private set; }

    private GeneratorMetadata Metadata(GeneratorModule generator, GanLoss loss, int seed, long[] shape)
    {
        var range = Options.Network is GanNetwork.Dcgan or GanNetwork.ResNet || Options.OutputActivation == OutputActivation.Tanh
            ? ((double, double)?)(-1.0, 1.0) : null;
        return new GeneratorMetadata(Options.LatentDimension, Options.LatentDistribution, shape, generator.Architecture, loss.Name, seed, range);
    }

    /// <summary>The architecture options must describe the checkpoint's networks; training settings may differ.</summary>
    private void CheckCompatible(GanCheckpoint checkpoint, long[] shape, GeneratorModule generator, DiscriminatorModule critic)
    {
        var m = checkpoint.Manifest;
        void Require(bool ok, string option, object? expected, object? actual)
        {
            if (!ok) throw new ArgumentException($"Cannot resume '{checkpoint.Path}': it was trained with {option} = {expected}, the options say {actual}.", option);
        }
        Require(m.GeneratorArchitecture == generator.Architecture, nameof(Options.Network) + " (generator)", m.GeneratorArchitecture, generator.Architecture);
        Require(m.DiscriminatorArchitecture == critic.Architecture, nameof(Options.Network) + " (critic)", m.DiscriminatorArchitecture, critic.Architecture);
        Require(m.SampleShape.SequenceEqual(shape), "sample shape", string.Join("x", m.SampleShape), string.Join("x", shape));
        Require(m.Width == Options.Width, nameof(Options.Width), m.Width, Options.Width);
        Require(m.HiddenLayers == Options.HiddenLayers || Options.Network != GanNetwork.Mlp, nameof(Options.HiddenLayers), m.HiddenLayers, Options.HiddenLayers);
        Require(m.LatentDimension == Options.LatentDimension, nameof(Options.LatentDimension), m.LatentDimension, Options.LatentDimension);
        Require(m.Loss == GanLosses.ByName(Options.Loss).Name, nameof(Options.Loss), m.Loss, Options.Loss);
        Require(m.LogQuantities.SequenceEqual(GanStepper.QuantityNames), "log columns", string.Join(",", m.LogQuantities), string.Join(",", GanStepper.QuantityNames));
    }

    private string WriteCheckpoint(int done, TrainingLog log, int seed, long[] shape, GanLoss loss, GeneratorModule generator,
        DiscriminatorModule critic, GanStepper stepper, BatchStream batches)
    {
        var rows = new List<GanCheckpointManifest.LogRow>();
        var steps = log.Steps;
        var columns = log.Quantities.Select(log.Column).ToArray();
        for (int i = 0; i < steps.Count; i++) rows.Add(new(steps[i], columns.Select(c => c[i]).ToArray()));
        var manifest = new GanCheckpointManifest
        {
            Step = done, Seed = seed,
            FeatureColumnName = Options.FeatureColumnName, LatentColumnName = Options.LatentColumnName, OutputColumnName = Options.OutputColumnName,
            GeneratorArchitecture = generator.Architecture, DiscriminatorArchitecture = critic.Architecture,
            SampleShape = shape, LatentDimension = Options.LatentDimension, Width = Options.Width, HiddenLayers = Options.HiddenLayers, Loss = loss.Name, HasEma = stepper.Ema is not null,
            DataEpoch = batches.Position.Epoch, DataRow = batches.Position.Row,
            Options = JsonSerializer.SerializeToNode(Options, GanCheckpointManifest.Json),
            LogQuantities = log.Quantities.ToArray(), Log = rows,
        };
        return GanCheckpoint.Write(Options.CheckpointDirectory!, manifest, generator, critic, stepper, ExportOnnx(generator, stepper, loss, seed, shape));
    }

    /// <summary>The ONNX of what Fit would return now: the EMA weights when EMA is on (swapped in, then back, exactly).</summary>
    private Transforms.Onnx.Proto.ModelProto ExportOnnx(GeneratorModule generator, GanStepper stepper, GanLoss loss, int seed, long[] shape)
    {
        var metadata = Metadata(generator, loss, seed, shape);
        bool training = generator.training;
        generator.eval();
        try
        {
            if (stepper.Ema is not { } ema) return GeneratorOnnx.Build(generator, metadata);
            var saved = generator.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            try
            {
                ema.CopyTo(generator);
                return GeneratorOnnx.Build(generator, metadata);
            }
            finally
            {
                using (torch.no_grad())
                    foreach (var (name, t) in generator.state_dict()) t.copy_(saved[name]);
                foreach (var t in saved.Values) t.Dispose();
            }
        }
        finally
        {
            generator.train(training);
        }
    }

    /// <summary>Per-sample shape from the column and ImageShape; a size mismatch names ImageShape.</summary>
    private long[] SampleShape(DataViewSchema schema)
    {
        int? expected = Options.ImageShape is { } s ? checked((int)s.Aggregate(1L, (a, b) => a * b)) : null;
        int n = VectorColumn.Validate(schema, Options.FeatureColumnName, expected, expected is null ? null : nameof(Options.ImageShape));
        return Options.ImageShape?.ToArray() ?? [n];
    }

    /// <summary>One streaming pass before training: the data must have rows and only finite values.</summary>
    private void CheckRows(IDataView input)
    {
        var column = input.Schema[Options.FeatureColumnName];
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        long row = 0;
        for (; cursor.MoveNext(); row++)
        {
            getter(ref buffer);
            foreach (var v in buffer.DenseValues())
                if (!float.IsFinite(v))
                    throw new InvalidDataException($"Input column '{Options.FeatureColumnName}' has a non-finite value ({v}) in row {row}; clean the data before training.");
        }
        if (row == 0) throw new ArgumentException($"Input column '{Options.FeatureColumnName}' has no rows: training needs data.", nameof(input));
    }

    private (GeneratorModule, DiscriminatorModule) BuildNetworks(long[] shape, int seed)
    {
        int k = Options.Width, z = Options.LatentDimension;
        return Options.Network switch
        {
            GanNetwork.Mlp => (new MlpGenerator(z, shape, k, Options.HiddenLayers, Options.OutputActivation, seed),
                new MlpDiscriminator(shape, k, Options.HiddenLayers, Options.SpectralNorm, unchecked(seed + 1))),
            GanNetwork.HiddenLayer => (new HiddenLayerGenerator(z, (int)shape[0], k, seed: seed), new LinearDiscriminator(shape)),
            GanNetwork.Dcgan => (new DcganGenerator(z, k, shape, seed), new DcganDiscriminator(k, shape, Options.SpectralNorm, unchecked(seed + 1))),
            GanNetwork.ResNet => (new ResNetGenerator(z, k, shape, seed), new ResNetDiscriminator(k, shape, Options.SpectralNorm, unchecked(seed + 1))),
            _ => throw new ArgumentOutOfRangeException(nameof(Options.Network), Options.Network, "Unknown network."),
        };
    }

    /// <summary>Output schema for an input with the feature column: adds the generated column (a float vector like the features).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == Options.FeatureColumnName);
        if (column.Name is null) throw new ArgumentException($"Could not find input column '{Options.FeatureColumnName}'.", nameof(inputSchema));
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Schema mismatch for input column '{Options.FeatureColumnName}': expected a known-size vector of Single, got {column.ItemType} ({column.Kind}).", nameof(inputSchema));
        return _catalog.Context.Transforms.CopyColumns(Options.OutputColumnName, Options.FeatureColumnName).GetOutputSchema(inputSchema);
    }
}

/// <summary>How the Wasserstein critic is kept in check.</summary>
public enum WganConstraint
{
    /// <summary>WGAN-GP: gradient penalty λ = 10, n_critic = 5, Adam(1e-4, 0.5, 0.999) (Sajedi et al. 2021, App. D).</summary>
    GradientPenalty,
    /// <summary>WGAN: weight clipping c = 0.01 and n_critic = 5 (Arjovsky et al. 2017), with the Adam defaults above.</summary>
    Clipping,
    /// <summary>ℓ2-regularised WGAN, (1/2)‖θ_D‖² (Sajedi et al. 2021, Eq. 2), simultaneous GDA.</summary>
    L2,
}

/// <summary><c>ml.Gan().Trainers.Gan/Wgan/RsGan/JsGan(...)</c>.</summary>
public static class GanTrainerCatalogExtensions
{
    public static GanTrainer Gan(this GanTrainersCatalog catalog, GanTrainerOptions options) =>
        new(Guard.NotNull(catalog, nameof(catalog)), Guard.NotNull(options, nameof(options)));

    public static GanTrainer Wgan(this GanTrainersCatalog catalog, WganConstraint constraint = WganConstraint.GradientPenalty,
        GanNetwork network = GanNetwork.Mlp, int width = 64, int steps = 1000, string featureColumnName = GanDataCatalog.FeaturesColumn,
        long[]? imageShape = null, int? seed = null)
    {
        var options = Base(network, width, steps, featureColumnName, imageShape, seed);
        options.Loss = "wgan";
        switch (constraint)
        {
            case WganConstraint.GradientPenalty: options.GradientPenalty = 10; options.DiscriminatorSteps = 5; break;
            case WganConstraint.Clipping: options.WeightClip = 0.01; options.DiscriminatorSteps = 5; break;
            case WganConstraint.L2: options.L2 = 1; options.Dynamics = GanDynamics.Simultaneous; break;
            default: throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "Unknown WGAN constraint.");
        }
        return catalog.Gan(options);
    }

    /// <summary>RS-GAN (Sun et al. 2020), non-saturating form, Adam(2e-4, 0.5, 0.999) for both networks (their §D).</summary>
    public static GanTrainer RsGan(this GanTrainersCatalog catalog, GanNetwork network = GanNetwork.Mlp, int width = 64, int steps = 1000,
        string featureColumnName = GanDataCatalog.FeaturesColumn, long[]? imageShape = null, int? seed = null)
    {
        var options = Base(network, width, steps, featureColumnName, imageShape, seed);
        options.Loss = "rs";
        options.GeneratorOptimizer = options.DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 2e-4);
        return catalog.Gan(options);
    }

    /// <summary>JS-GAN with the non-saturating generator (the standard practice), Adam(2e-4, 0.5, 0.999).</summary>
    public static GanTrainer JsGan(this GanTrainersCatalog catalog, GanNetwork network = GanNetwork.Mlp, int width = 64, int steps = 1000,
        string featureColumnName = GanDataCatalog.FeaturesColumn, long[]? imageShape = null, int? seed = null, bool saturating = false)
    {
        var options = Base(network, width, steps, featureColumnName, imageShape, seed);
        options.Loss = saturating ? "js" : "js-ns";
        options.GeneratorOptimizer = options.DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 2e-4);
        return catalog.Gan(options);
    }

    private static GanTrainerOptions Base(GanNetwork network, int width, int steps, string column, long[]? imageShape, int? seed) => new()
    {
        Network = network, Width = width, Steps = steps, FeatureColumnName = column, ImageShape = imageShape, Seed = seed,
        OutputActivation = imageShape is null ? OutputActivation.Linear : OutputActivation.Tanh,
    };
}
