using System.Text.Json.Serialization;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Training;

namespace MlGan.Trainers;

/// <summary>
/// Options of <c>ml.Gan().Trainers.Gan(options)</c> (and the Wgan/RsGan/JsGan shortcuts). The trainer takes a copy
/// at construction: changing an options object afterwards does not change a trainer built from it.
/// </summary>
public sealed class GanTrainerOptions
{
    /// <summary>The defaults of every option, as constants (the shortcut overloads and the CLI recipes use them).</summary>
    public static class Defaults
    {
        /// <summary>Name of the generated column: "Generated".</summary>
        public const string OutputColumnName = "Generated";
        /// <summary>Name of the default loss: "js-ns" (JS-GAN, non-saturating generator).</summary>
        public const string LossName = "js-ns";
        /// <summary>k = 64.</summary>
        public const int Width = 64;
        /// <summary>2 hidden layers.</summary>
        public const int HiddenLayers = 2;
        /// <summary>Latent dimension 16.</summary>
        public const int LatentDimension = 16;
        /// <summary>n_critic = 1.</summary>
        public const int DiscriminatorSteps = 1;
        /// <summary>Unroll k = 5 (Metz et al. 2017 use 5–10).</summary>
        public const int UnrollSteps = 5;
        /// <summary>Batch 64.</summary>
        public const int BatchSize = 64;
        /// <summary>1000 steps.</summary>
        public const int Steps = 1000;
        /// <summary>Log every 10 steps.</summary>
        public const int LogEvery = 10;
        /// <summary>50 steps at the collapse value raise the collapse flag.</summary>
        public const int CollapseWindow = 50;
        /// <summary>Adam learning rate 1e-4 (Sajedi et al. 2021, App. D: the WGAN family).</summary>
        public const double LearningRate = 1e-4;
        /// <summary>Adam learning rate 2e-4 of the separable and relativistic losses (Sun et al. 2020, §D).</summary>
        public const double SeparableLearningRate = 2e-4;
        /// <summary>Adam β₁ = 0.5.</summary>
        public const double Beta1 = 0.5;
        /// <summary>Adam β₂ = 0.999.</summary>
        public const double Beta2 = 0.999;
        /// <summary>WGAN-GP λ = 10 (Gulrajani et al. 2017).</summary>
        public const double GradientPenalty = 10;
        /// <summary>n_critic = 5 of WGAN-GP and clipped WGAN.</summary>
        public const int WganDiscriminatorSteps = 5;
        /// <summary>WGAN clipping c = 0.01 (Arjovsky et al. 2017).</summary>
        public const double WeightClip = 0.01;
        /// <summary>ℓ2 λ = 1 (Sajedi et al. 2021, Eq. 2).</summary>
        public const double L2 = 1;
        /// <summary>Keep the 3 newest checkpoints.</summary>
        public const int KeepCheckpoints = 3;
        /// <summary>Label embedding width e = 32 of conditional generators.</summary>
        public const int LabelEmbeddingDimension = 32;
    }

    private GanLoss? _loss;
    private GanNetwork _network = GanNetwork.Mlp;
    private List<CriticRegularizer> _regularizers = [];

    /// <summary>The real data column: a known-size vector&lt;float&gt;. Default "Features".</summary>
    public string FeatureColumnName { get; set; } = GanDataCatalog.FeaturesColumn;
    /// <summary>The fitted generator's input column (vector&lt;float&gt; of LatentDimension). Default "Latent".</summary>
    public string LatentColumnName { get; set; } = GanDataCatalog.LatentColumn;
    /// <summary>The fitted generator's output column. Default <see cref="Defaults.OutputColumnName"/>.</summary>
    public string OutputColumnName { get; set; } = Defaults.OutputColumnName;
    /// <summary>(C, H, W) of image data stored as a flat vector&lt;float&gt; of C·H·W; null (default): vector data.</summary>
    public long[]? ImageShape { get; set; }

    /// <summary>
    /// The class-label column of class-conditional training (a key, Int32, UInt32, Int64 or integral Single/Double
    /// scalar, e.g. Fashion-MNIST's <c>Label</c>); null (default): unconditional. The fitted generator then reads a
    /// label column of the same name next to its latent column.
    /// </summary>
    public string? LabelColumnName { get; set; }
    /// <summary>C, the number of classes of conditional training (labels in [0, C)); null (default): a key column's cardinality, else the largest label + 1.</summary>
    public int? ClassCount { get; set; }
    /// <summary>How the conditional critic uses the label. Default projection (Miyato &amp; Koyama 2018).</summary>
    public GanConditioning Conditioning { get; set; } = GanConditioning.Projection;
    /// <summary>e, the width of the conditional generator's label embedding, ≥ 1. Default 32.</summary>
    public int LabelEmbeddingDimension { get; set; } = Defaults.LabelEmbeddingDimension;
    /// <summary>w of ACGAN's classification terms (<see cref="GanConditioning.AuxiliaryClassifier"/>), &gt; 0. Default 1.</summary>
    public double AuxiliaryClassifierWeight { get; set; } = 1;

    /// <summary>True when <see cref="LabelColumnName"/> is set.</summary>
    public bool IsConditional => LabelColumnName is not null;

    /// <summary>
    /// The loss (any <see cref="GanLoss"/>, a user's own subclass included). Default: JS-GAN non-saturating
    /// (<see cref="Defaults.LossName"/>); by name: <c>GanLosses.ByName("hinge")</c>.
    /// </summary>
    public GanLoss Loss
    {
        get => _loss ??= GanLosses.ByName(Defaults.LossName);
        set => _loss = value ?? throw new ArgumentNullException(nameof(Loss));
    }

    /// <summary>The generator/critic pair (a built-in such as <see cref="GanNetwork.Dcgan"/>, or a user's). Default <see cref="GanNetwork.Mlp"/>.</summary>
    public GanNetwork Network
    {
        get => _network;
        set => _network = value ?? throw new ArgumentNullException(nameof(Network));
    }

    /// <summary>k: hidden width (MLP, hidden layer) or base filter count (DCGAN, ResNet) of both networks, ≥ 1. Default 64.</summary>
    public int Width { get; set; } = Defaults.Width;
    /// <summary>Hidden layers of the MLP networks, ≥ 1. Default 2.</summary>
    public int HiddenLayers { get; set; } = Defaults.HiddenLayers;
    /// <summary>Output nonlinearity of the MLP generator (the conv generators always end in tanh). Default linear.</summary>
    public OutputActivation OutputActivation { get; set; } = OutputActivation.Linear;
    /// <summary>Spectral normalisation of every critic layer (Miyato et al. 2018). Default off.</summary>
    public bool SpectralNorm { get; set; }
    /// <summary>Latent dimension k, ≥ 1. Default 16.</summary>
    public int LatentDimension { get; set; } = Defaults.LatentDimension;
    /// <summary>Distribution of the latents. Default standard normal.</summary>
    public LatentDistribution LatentDistribution { get; set; } = LatentDistribution.Gaussian;

    /// <summary>How critic and generator updates interleave. Default alternating.</summary>
    public GanDynamics Dynamics { get; set; } = GanDynamics.Alternating;
    /// <summary>n_critic: critic steps per generator step, ≥ 1. Default 1.</summary>
    public int DiscriminatorSteps { get; set; } = Defaults.DiscriminatorSteps;
    /// <summary>k of the unrolled dynamics, ≥ 1. Default 5.</summary>
    public int UnrollSteps { get; set; } = Defaults.UnrollSteps;
    /// <summary>The generator's optimiser. Default Adam(1e-4, 0.5, 0.999).</summary>
    public OptimizerSettings GeneratorOptimizer { get; set; } = new();
    /// <summary>The critic's optimiser. Default Adam(1e-4, 0.5, 0.999).</summary>
    public OptimizerSettings DiscriminatorOptimizer { get; set; } = new();
    /// <summary>λ of the two-sided gradient penalty (a <see cref="Regularizers.GradientPenalty"/> stage), ≥ 0; 0 (default): off.</summary>
    public double GradientPenalty { get; set; }
    /// <summary>c of weight clipping (a <see cref="WeightClipping"/> stage), ≥ 0; 0 (default): off.</summary>
    public double WeightClip { get; set; }
    /// <summary>λ of the (λ/2)‖θ_D‖² regulariser (an <see cref="L2Penalty"/> stage), ≥ 0; 0 (default): off.</summary>
    public double L2 { get; set; }
    /// <summary>
    /// Further critic regularisers, applied after the three shortcuts above in list order: R1, R2, DRAGAN,
    /// one-sided GP, bCR or a user's own <see cref="CriticRegularizer"/>. Default empty.
    /// </summary>
    public IList<CriticRegularizer> Regularizers
    {
        get => _regularizers;
        set => _regularizers = [.. value ?? throw new ArgumentNullException(nameof(Regularizers))];
    }
    /// <summary>Decay of the generator-weight EMA in [0, 1); 0 (default): off (typical: 0.999).</summary>
    public double EmaDecay { get; set; }
    /// <summary>
    /// DiffAugment (Zhao et al. 2020) on every critic input, real and fake (images only, ImageShape set), e.g.
    /// <c>DiffAugment.Parse("translation,cutout,color")</c>; null (default): none.
    /// </summary>
    public Augmentation.DiffAugment? DiffAugment { get; set; }
    /// <summary>
    /// A score computed every few steps during training (e.g. FID, wired by the CLI and samples from MlGan.Evaluation):
    /// logged as a column, its best checkpoint kept (with <see cref="CheckpointDirectory"/>), optional early stop. Null (default): none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TrainingEvaluation? Evaluation { get; set; }
    /// <summary>Batch size, ≥ 1. Default 64.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;
    /// <summary>Training steps, ≥ 1. Default 1000.</summary>
    public int Steps { get; set; } = Defaults.Steps;
    /// <summary>Log every this many steps, ≥ 1 (the last step is always logged). Default 10.</summary>
    public int LogEvery { get; set; } = Defaults.LogEvery;
    /// <summary>Seed of initialisation, batches and latents; null (default): drawn from the MLContext seed.</summary>
    public int? Seed { get; set; }
    /// <summary>TorchSharp device: "cpu" (default) or "cuda" / "cuda:N".</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>Steps the D-loss must sit at the loss's collapse value before the collapse-basin flag is raised, ≥ 1. Default 50.</summary>
    public int CollapseWindow { get; set; } = Defaults.CollapseWindow;
    /// <summary>Write a resumable checkpoint (<see cref="Checkpoints.GanCheckpoint"/>) after every this many steps, ≥ 0; 0 (default): never.</summary>
    public int CheckpointEvery { get; set; }
    /// <summary>How many of the newest checkpoints a run keeps in <see cref="CheckpointDirectory"/> (older ones are deleted after each write), ≥ 0; 0 keeps all. Default 3.</summary>
    public int KeepCheckpoints { get; set; } = Defaults.KeepCheckpoints;
    /// <summary>Where checkpoints go (ckpt-NNNNNNNN.zip); required when <see cref="CheckpointEvery"/> &gt; 0. Default null.</summary>
    public string? CheckpointDirectory { get; set; }
    /// <summary>
    /// Continue from a checkpoint file, or from the latest complete checkpoint in a directory: networks, optimisers,
    /// EMA, random streams, data position and log are restored and training runs from its step to <see cref="Steps"/>.
    /// The checkpoint's seed is used; the architecture options must match it. Null (default): a new run.
    /// </summary>
    public string? ResumeFrom { get; set; }
    /// <summary>Receives every logged step (synchronously, on the training thread); null (default): none.</summary>
    [JsonIgnore]
    public IProgress<TrainingStep>? Progress { get; set; }
    /// <summary>
    /// Wall-clock budget of one Fit: the first step starting after it is the last (logged), and Fit returns the model
    /// as after <see cref="Steps"/> (<see cref="GanTrainingResult.StoppedEarly"/> says so). Null (default): none.
    /// </summary>
    [JsonIgnore]
    public TimeSpan? TimeLimit { get; set; }
    /// <summary>Stops training between two steps; default: none.</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every option before data is read; messages name the option and its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    /// <exception cref="ArgumentException">
    /// An empty column name, checkpoints without a directory, an empty <see cref="ResumeFrom"/>, an image shape the
    /// network cannot take, or an unknown or unavailable <see cref="Device"/>.
    /// </exception>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(FeatureColumnName), FeatureColumnName), (nameof(LatentColumnName), LatentColumnName), (nameof(OutputColumnName), OutputColumnName) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        Guard.Positive(Width, nameof(Width));
        Guard.Positive(HiddenLayers, nameof(HiddenLayers));
        Guard.Positive(LatentDimension, nameof(LatentDimension));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(LogEvery, nameof(LogEvery));
        Guard.Positive(CollapseWindow, nameof(CollapseWindow));
        Guard.AtLeast(CheckpointEvery, 0, nameof(CheckpointEvery));
        Guard.AtLeast(KeepCheckpoints, 0, nameof(KeepCheckpoints));
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), limit, $"{nameof(TimeLimit)} must be positive, or null for none.");
        if (CheckpointEvery > 0 && string.IsNullOrWhiteSpace(CheckpointDirectory))
            throw new ArgumentException($"{nameof(CheckpointEvery)} is {CheckpointEvery}: set {nameof(CheckpointDirectory)} to where checkpoints go.", nameof(CheckpointDirectory));
        if (ResumeFrom is not null && string.IsNullOrWhiteSpace(ResumeFrom))
            throw new ArgumentException($"{nameof(ResumeFrom)} must name a checkpoint file or directory, or be null.", nameof(ResumeFrom));
        Network.ValidateShape(ImageShape, nameof(ImageShape));
        if (LabelColumnName is not null)
        {
            if (string.IsNullOrWhiteSpace(LabelColumnName)) throw new ArgumentException($"{nameof(LabelColumnName)} must name a column, or be null for unconditional training.", nameof(LabelColumnName));
            if (LabelColumnName == FeatureColumnName || LabelColumnName == LatentColumnName || LabelColumnName == OutputColumnName)
                throw new ArgumentException($"{nameof(LabelColumnName)} '{LabelColumnName}' must differ from the feature, latent and output columns.", nameof(LabelColumnName));
            if (ClassCount is { } c) Guard.AtLeast(c, 2, nameof(ClassCount));
            Guard.Positive(LabelEmbeddingDimension, nameof(LabelEmbeddingDimension));
            if (!(AuxiliaryClassifierWeight > 0) || !double.IsFinite(AuxiliaryClassifierWeight))
                throw new ArgumentOutOfRangeException(nameof(AuxiliaryClassifierWeight), AuxiliaryClassifierWeight, $"{nameof(AuxiliaryClassifierWeight)} must be positive and finite.");
            if (Network == GanNetwork.HiddenLayer)
                throw new ArgumentException($"{nameof(LabelColumnName)} is set, but network hidden-layer (Theorem 2.1's linear critic) has no conditional form: use mlp, dcgan or resnet.", nameof(LabelColumnName));
            if (Dynamics is GanDynamics.Unrolled or GanDynamics.OptimalLinearCritic)
                throw new ArgumentException($"{nameof(LabelColumnName)} is set, but the {Dynamics} dynamics is not defined for class-conditional networks: use Alternating or Simultaneous.", nameof(Dynamics));
        }
        if (DiffAugment is not null)
        {
            Augmentation.DiffAugment.RequireImages(ImageShape, nameof(DiffAugment));
            if (Dynamics is GanDynamics.Unrolled or GanDynamics.OptimalLinearCritic)
                throw new ArgumentException($"{nameof(DiffAugment)} is set, but the {Dynamics} dynamics does not apply it: use Alternating or Simultaneous.", nameof(DiffAugment));
        }
        if (Evaluation is not null)
        {
            Evaluation.Validate();
            if (GanStepper.QuantityNames.Contains(Evaluation.Name))
                throw new ArgumentException($"{nameof(Evaluation)}.Name '{Evaluation.Name}' is already a log column.", nameof(Evaluation));
        }
        if (LabelColumnName is null && ClassCount is not null)
            throw new ArgumentException($"{nameof(ClassCount)} is set but {nameof(LabelColumnName)} is not: conditional training needs the label column.", nameof(ClassCount));
        Settings().Validate();
        DeviceFactory.Parse(Device);
    }

    /// <summary>A copy that shares the (stateless) components but not the lists: what a trainer keeps.</summary>
    internal GanTrainerOptions Clone()
    {
        var copy = (GanTrainerOptions)MemberwiseClone();
        copy._regularizers = [.. _regularizers];
        copy.ImageShape = ImageShape?.ToArray();
        return copy;
    }

    internal GanStepperSettings Settings() => new()
    {
        Dynamics = Dynamics, DiscriminatorSteps = DiscriminatorSteps, UnrollSteps = UnrollSteps,
        GeneratorOptimizer = GeneratorOptimizer, DiscriminatorOptimizer = DiscriminatorOptimizer,
        GradientPenalty = GradientPenalty, WeightClip = WeightClip, L2 = L2, Regularizers = _regularizers.ToArray(), EmaDecay = EmaDecay, Augmentation = DiffAugment,
        BatchSize = BatchSize, LatentDistribution = LatentDistribution,
    };
}

/// <summary>Parses the Device option.</summary>
internal static class DeviceFactory
{
    public static TorchSharp.torch.Device Parse(string device)
    {
        string d = (device ?? "").Trim().ToLowerInvariant();
        if (d == "cpu") return TorchSharp.torch.CPU;
        if (d == "cuda" || d.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!TorchSharp.torch.cuda.is_available())
                throw new ArgumentException($"Device '{device}' was requested but CUDA is not available to TorchSharp (install the CUDA libtorch runtime) — use \"cpu\".", nameof(GanTrainerOptions.Device));
            return TorchSharp.torch.device(d);
        }
        throw new ArgumentException($"Device must be \"cpu\", \"cuda\" or \"cuda:N\"; got '{device}'.", nameof(GanTrainerOptions.Device));
    }
}
