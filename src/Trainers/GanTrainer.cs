using MlGan.Transforms.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Text.Json;
using MlGan.Trainers.Checkpoints;
using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Networks;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Native;
using MlGan.Transforms.Onnx;
using TorchSharp;

namespace MlGan.Trainers;

/// <summary>
/// The general GAN estimator: any loss × network pair × regulariser pipeline × dynamics over a vector&lt;float&gt;
/// column, trained by the one <see cref="GanTrainingLoop"/> with a <see cref="GanStepper"/>; batches stream from the
/// IDataView. The estimator is an immutable recipe (it copies its options); what a Fit learned comes back on the
/// fitted generator (<see cref="GeneratorTransformer.Training"/>, typed: <c>generator.GanTraining()</c>).
/// </summary>
public sealed class GanTrainer : IEstimator<GeneratorTransformer>
{
    private readonly GanTrainersCatalog _catalog;
    private readonly GanTrainerOptions _options;
    private readonly GeneratorEstimatorCore _core;

    internal GanTrainer(GanTrainersCatalog catalog, GanTrainerOptions options)
    {
        _catalog = catalog;
        _options = Guard.NotNull(options, nameof(options)).Clone();
        _options.Validate();
        _core = new GeneratorEstimatorCore(catalog.Context, _options.FeatureColumnName, _options.LatentColumnName, _options.OutputColumnName);
    }

    /// <summary>A copy of the options this trainer was built with (changing it does not change the trainer).</summary>
    public GanTrainerOptions Options => _options.Clone();

    /// <summary>Trains on <paramref name="input"/>'s feature column and returns the generator, with the run's results in its <see cref="GeneratorTransformer.Training"/>.</summary>
    public GeneratorTransformer Fit(IDataView input) => _core.Fit(input, size => Train(input, size));

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);

    private GeneratorTransformer Train(IDataView input, int size)
    {
        var o = _options;
        TorchNative.EnsureAvailable();
        long[] shape = SampleShape(size);
        var ml = _catalog.Context;
        var resume = o.ResumeFrom is { } from ? GanCheckpoint.Open(from) : null;
        int seed = resume?.Manifest.Seed ?? o.Seed ?? _catalog.Owner.NextSeed();
        var device = DeviceFactory.Parse(o.Device);
        var loss = o.Loss;
        var spec = Spec(shape, seed);
        var warnings = new List<string>();
        if (resume is not null)
        {
            if (o.Steps <= resume.Manifest.Step)
                throw new ArgumentException($"Cannot resume '{resume.Path}': it has already completed {resume.Manifest.Step} steps and {nameof(o.Steps)} is {o.Steps}; " +
                    $"set {nameof(o.Steps)} above {resume.Manifest.Step} to train further (its model is already in the checkpoint).", nameof(o.Steps));
            foreach (var skipped in resume.Skipped) warnings.Add($"resume: skipped unreadable {skipped}");
            if (resume.Skipped.Count > 0) warnings.Add($"resume: continuing from {System.IO.Path.GetFileName(resume.Path)} (step {resume.Manifest.Step})");
        }
        if (o.CheckpointEvery > 0 && GanCheckpoint.RemoveStalePartials(o.CheckpointDirectory!) is var removed and > 0)
            warnings.Add($"removed {removed} stale partial checkpoint file(s) of killed writes from '{o.CheckpointDirectory}'");
        var label = o.LabelColumnName is { } labelName ? LabelColumn.Of(input.Schema, labelName, nameof(o.LabelColumnName)) : null;
        int classCount = label is null ? 0 : o.ClassCount ?? label.CountClasses(input);
        if (label is not null && classCount < 2)
            throw new ArgumentException($"{nameof(o.LabelColumnName)}: column '{label.Name}' holds a single class; conditional training needs at least 2.", nameof(o.LabelColumnName));
        var (generator, critic) = label is null ? o.Network.Create(spec)
            : ConditionalNetworks.Create(o.Network, spec, classCount, o.Conditioning, o.LabelEmbeddingDimension, o.AuxiliaryClassifierWeight);
        if (resume is not null)
        {
            CheckCompatible(resume, shape, generator, critic, loss, classCount);
            resume.RestoreNetworks(generator, critic);
        }
        using var batches = new BatchStream(ml, input, o.FeatureColumnName, o.BatchSize, unchecked(seed + 2), label, classCount);
        Func<RealBatch> real = () =>
        {
            var x = torch.tensor(batches.Next(), [o.BatchSize, .. shape]).to(device);
            return new RealBatch(x, batches.LastLabels is { } y ? torch.tensor(y).to(device) : null);
        };
        var collapse = new CollapseBasinDetector(loss, o.CollapseWindow);
        var vanishing = new VanishingGradientDetector();
        string? lastCheckpoint = null, bestCheckpoint = null;
        TrainingLog log;
        EvaluatingStepper? evaluating = null;
        using (var stepper = new GanStepper(generator, critic, loss, o.Settings(), real, unchecked(seed + 3), device))
        {
            resume?.RestoreTraining(stepper, batches);
            int start = resume?.Manifest.Step ?? 0;
            IGanStepper driven = stepper;
            if (o.Evaluation is { } evaluation)
                driven = evaluating = new EvaluatingStepper(stepper, evaluation,
                    done => ReturnedWeights.With(generator, stepper.Ema, () => evaluation.Evaluate(new GeneratorSnapshot(generator, o.LatentDistribution, device, done))),
                    o.Steps, resume?.Manifest.BestEvaluation is { } b ? (b.Step, b.Value) : null);
            bestCheckpoint = resume is null ? null : BestOf(resume);
            log = GanTrainingLoop.Run(ml, "Gan", driven, new TrainingLoopSettings
            {
                Steps = o.Steps, LogEvery = o.LogEvery, Progress = o.Progress,
                CancellationToken = o.CancellationToken, Monitors = [collapse, vanishing], Warnings = warnings,
                StartStep = start, Log = resume?.RestoreLog(), CheckpointEvery = o.CheckpointEvery, TimeLimit = o.TimeLimit,
                CheckpointAlso = o.CheckpointDirectory is null ? null : _ => evaluating?.ImprovedAtLastStep == true,
                Checkpoint = (done, l) =>
                {
                    bool best = evaluating?.ImprovedAtLastStep == true;
                    string written = WriteCheckpoint(done, l, seed, shape, loss, spec, generator, critic, stepper, batches, classCount,
                        driven.Quantities, evaluating?.Best, best ? null : bestCheckpoint);
                    if (best) bestCheckpoint = written;
                    lastCheckpoint = written;
                },
            });
            stepper.Ema?.CopyTo(generator);
        }
        generator.to(torch.CPU);
        generator.eval();
        var diversity = SampleDiversityCheck.Measure(generator, o.LatentDistribution, seed);
        warnings.AddRange(SampleDiversityCheck.Warnings(diversity));
        critic.to(torch.CPU);
        critic.eval();
        var result = new GanTrainingResult(log, seed, o.Steps, warnings, lastCheckpoint, critic, loss, o.Network, collapse, vanishing)
        {
            Evaluations = evaluating?.History.ToArray() ?? [],
            BestEvaluation = evaluating?.Best,
            BestCheckpoint = bestCheckpoint,
            SampleDiversity = diversity,
            StoppedEarly = log.Steps.Count > 0 && log.Steps[^1] < o.Steps - 1,
        };
        return new GeneratorTransformer(ml, generator, Metadata(generator, loss, seed, shape, spec, classCount), o.OutputColumnName, o.LatentColumnName, result, o.LabelColumnName);
    }

    private GanNetworkSpec Spec(long[] shape, int seed) => new()
    {
        LatentDimension = _options.LatentDimension, SampleShape = shape, Width = _options.Width, HiddenLayers = _options.HiddenLayers,
        SpectralNorm = _options.SpectralNorm, OutputActivation = _options.OutputActivation, Seed = seed,
    };

    private GeneratorMetadata Metadata(GeneratorModule generator, GanLoss loss, int seed, long[] shape, GanNetworkSpec spec, int classCount) =>
        new(_options.LatentDimension, _options.LatentDistribution, shape, generator.Architecture, loss.Name, seed, _options.Network.OutputRange(spec)) { ClassCount = classCount };

    /// <summary>The architecture options must describe the checkpoint's networks; training settings may differ.</summary>
    private void CheckCompatible(GanCheckpoint checkpoint, long[] shape, GeneratorModule generator, DiscriminatorModule critic, GanLoss loss, int classCount)
    {
        var m = checkpoint.Manifest;
        void Require(bool ok, string option, object? expected, object? actual)
        {
            if (!ok) throw new ArgumentException($"Cannot resume '{checkpoint.Path}': it was trained with {option} = {expected}, the options say {actual}.", option);
        }
        Require(m.GeneratorArchitecture == generator.Architecture, nameof(_options.Network) + " (generator)", m.GeneratorArchitecture, generator.Architecture);
        Require(m.DiscriminatorArchitecture == critic.Architecture, nameof(_options.Network) + " (critic)", m.DiscriminatorArchitecture, critic.Architecture);
        Require(m.SampleShape.SequenceEqual(shape), "sample shape", string.Join("x", m.SampleShape), string.Join("x", shape));
        Require(m.Width == _options.Width, nameof(_options.Width), m.Width, _options.Width);
        Require(m.HiddenLayers == _options.HiddenLayers || !_options.Network.UsesHiddenLayers, nameof(_options.HiddenLayers), m.HiddenLayers, _options.HiddenLayers);
        Require(m.LatentDimension == _options.LatentDimension, nameof(_options.LatentDimension), m.LatentDimension, _options.LatentDimension);
        Require(m.Loss == loss.Name, nameof(_options.Loss), m.Loss, loss.Name);
        Require(m.ClassCount == classCount, nameof(_options.ClassCount), m.ClassCount, classCount);
        string[] columns = _options.Evaluation is { } e ? [.. GanStepper.QuantityNames, e.Name] : GanStepper.QuantityNames;
        Require(m.LogQuantities.SequenceEqual(columns), "log columns (Evaluation)", string.Join(",", m.LogQuantities), string.Join(",", columns));
    }

    private string WriteCheckpoint(int done, TrainingLog log, int seed, long[] shape, GanLoss loss, GanNetworkSpec spec, GeneratorModule generator,
        DiscriminatorModule critic, GanStepper stepper, BatchStream batches, int classCount, IReadOnlyList<string> quantities,
        (int Step, double Value)? best, string? keep)
    {
        var rows = new List<GanCheckpointManifest.LogRow>();
        var steps = log.Steps;
        var columns = log.Quantities.Select(log.Column).ToArray();
        for (int i = 0; i < steps.Count; i++) rows.Add(new(steps[i], columns.Select(c => c[i]).ToArray()));
        var manifest = new GanCheckpointManifest
        {
            Step = done, Seed = seed,
            FeatureColumnName = _options.FeatureColumnName, LatentColumnName = _options.LatentColumnName, OutputColumnName = _options.OutputColumnName,
            GeneratorArchitecture = generator.Architecture, DiscriminatorArchitecture = critic.Architecture,
            SampleShape = shape, LatentDimension = _options.LatentDimension, Width = _options.Width, HiddenLayers = _options.HiddenLayers, Loss = loss.Name, ClassCount = classCount, HasEma = stepper.Ema is not null, HasOnnx = GeneratorOnnx.CanExport(generator),
            DataEpoch = batches.Position.Epoch, DataRow = batches.Position.Row,
            Options = JsonSerializer.SerializeToNode(_options, GanCheckpointManifest.Json),
            LogQuantities = quantities.ToArray(), Log = rows,
            BestEvaluation = best is { } b ? new GanCheckpointManifest.Evaluation(b.Step, b.Value) : null,
            BestCheckpoint = keep is null ? null : Path.GetFileName(keep), // null: this checkpoint is the best one (or there is none)
        };
        var onnx = GeneratorOnnx.CanExport(generator) ? ExportOnnx(generator, stepper, Metadata(generator, loss, seed, shape, spec, classCount)) : null;
        // The best-evaluation checkpoint is this one (when it just improved) or an earlier one named in the manifest, never pruned.
        string written = GanCheckpoint.Write(_options.CheckpointDirectory!, manifest, generator, critic, stepper, onnx);
        GanCheckpoint.Prune(_options.CheckpointDirectory!, _options.KeepCheckpoints, keep is null ? [written] : [written, keep]);
        return written;
    }

    /// <summary>The ONNX of what Fit would return now: the EMA weights when EMA is on (swapped in, then back, exactly).</summary>
    private static Transforms.Onnx.Proto.ModelProto ExportOnnx(GeneratorModule generator, GanStepper stepper, GeneratorMetadata metadata) =>
        ReturnedWeights.With(generator, stepper.Ema, () => GeneratorOnnx.Build(generator, metadata));

    /// <summary>The best-evaluation checkpoint a resumed run continues to keep: the one its manifest names, or itself.</summary>
    private static string? BestOf(GanCheckpoint resume)
    {
        var m = resume.Manifest;
        if (m.BestEvaluation is null) return null;
        if (m.BestCheckpoint is null) return m.BestEvaluation.Step == m.Step ? resume.Path : null;
        string path = Path.Combine(Path.GetDirectoryName(resume.Path) ?? "", m.BestCheckpoint);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Per-sample shape from the column size and ImageShape; a size mismatch names ImageShape.</summary>
    private long[] SampleShape(int size)
    {
        if (_options.ImageShape is not { } s) return [size];
        long expected = s.Aggregate(1L, (a, b) => a * b);
        if (expected != size)
            throw new ArgumentException($"Schema mismatch for input column '{_options.FeatureColumnName}': expected a vector of {expected} Single (from {nameof(_options.ImageShape)}), got {size}.", nameof(_options.ImageShape));
        return s.ToArray();
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

/// <summary><c>ml.Gan().Trainers.Gan/Wgan/RsGan/JsGan(...)</c>: the options overload and the papers' shortcuts (<see cref="GanRecipes"/>).</summary>
public static class GanTrainerCatalogExtensions
{
    /// <summary>The general GAN trainer with every option.</summary>
    public static GanTrainer Gan(this GanTrainersCatalog catalog, GanTrainerOptions options) =>
        new(Guard.NotNull(catalog, nameof(catalog)), Guard.NotNull(options, nameof(options)));

    /// <summary>WGAN with the chosen constraint (recipes wgan-gp, wgan-clip, wgan-l2); <paramref name="network"/> null: MLP.</summary>
    public static GanTrainer Wgan(this GanTrainersCatalog catalog, WganConstraint constraint = WganConstraint.GradientPenalty,
        GanNetwork? network = null, int width = GanTrainerOptions.Defaults.Width, int steps = GanTrainerOptions.Defaults.Steps,
        string featureColumnName = GanDataCatalog.FeaturesColumn, long[]? imageShape = null, int? seed = null)
    {
        string family = constraint switch
        {
            WganConstraint.GradientPenalty => "wgan-gp",
            WganConstraint.Clipping => "wgan-clip",
            WganConstraint.L2 => "wgan-l2",
            _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "Unknown WGAN constraint."),
        };
        return catalog.Gan(GanRecipes.Apply(family, Base(network, width, steps, featureColumnName, imageShape, seed)));
    }

    /// <summary>RS-GAN (Sun et al. 2020), non-saturating form, Adam(2e-4, 0.5, 0.999) for both networks (their §D).</summary>
    public static GanTrainer RsGan(this GanTrainersCatalog catalog, GanNetwork? network = null, int width = GanTrainerOptions.Defaults.Width,
        int steps = GanTrainerOptions.Defaults.Steps, string featureColumnName = GanDataCatalog.FeaturesColumn, long[]? imageShape = null, int? seed = null) =>
        catalog.Gan(GanRecipes.Apply("rs", Base(network, width, steps, featureColumnName, imageShape, seed)));

    /// <summary>JS-GAN with the non-saturating generator (the standard practice; <paramref name="saturating"/>: the minimax form), Adam(2e-4, 0.5, 0.999).</summary>
    public static GanTrainer JsGan(this GanTrainersCatalog catalog, GanNetwork? network = null, int width = GanTrainerOptions.Defaults.Width,
        int steps = GanTrainerOptions.Defaults.Steps, string featureColumnName = GanDataCatalog.FeaturesColumn, long[]? imageShape = null, int? seed = null,
        bool saturating = false) =>
        catalog.Gan(GanRecipes.Apply(saturating ? "js" : "js-ns", Base(network, width, steps, featureColumnName, imageShape, seed)));

    private static GanTrainerOptions Base(GanNetwork? network, int width, int steps, string column, long[]? imageShape, int? seed) => new()
    {
        Network = network ?? GanNetwork.Mlp, Width = width, Steps = steps, FeatureColumnName = column, ImageShape = imageShape, Seed = seed,
        OutputActivation = imageShape is null ? OutputActivation.Linear : OutputActivation.Tanh,
    };
}
