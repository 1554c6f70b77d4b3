using MlGan.Transforms.Training;
using System.Text.Json.Serialization;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Trainers;

/// <summary>The generator/critic pair: k (Width) sets both, as in Sajedi et al. (2021).</summary>
public enum GanNetwork
{
    /// <summary>MLP generator and MLP critic (vectors or flattened images).</summary>
    Mlp,
    /// <summary>V·ReLU(Wz) generator (V frozen) and linear critic dᵀx: Theorem 2.1's model (vectors).</summary>
    HiddenLayer,
    /// <summary>DCGAN generator and critic (images, ImageShape required).</summary>
    Dcgan,
    /// <summary>Small ResNet generator and critic (images, ImageShape required).</summary>
    ResNet,
}

/// <summary>Options of <c>ml.Gan().Trainers.Gan(options)</c> (and the Wgan/RsGan/JsGan shortcuts).</summary>
public sealed class GanTrainerOptions
{
    public string FeatureColumnName { get; set; } = GanDataCatalog.FeaturesColumn;
    public string LatentColumnName { get; set; } = GanDataCatalog.LatentColumn;
    public string OutputColumnName { get; set; } = "Generated";
    /// <summary>(C, H, W) of image data stored as a flat vector&lt;float&gt; of C·H·W; null: vector data.</summary>
    public long[]? ImageShape { get; set; }

    /// <summary>Loss name (see <see cref="GanLosses.Names"/>): js, js-ns, hinge, ls, rs, rs-sat, rp-hinge, rp-ls, wgan.</summary>
    public string Loss { get; set; } = "js-ns";
    public GanNetwork Network { get; set; } = GanNetwork.Mlp;
    /// <summary>k: hidden width (MLP, hidden layer) or base filter count (DCGAN, ResNet) of both networks.</summary>
    public int Width { get; set; } = 64;
    /// <summary>Hidden layers of the MLP networks.</summary>
    public int HiddenLayers { get; set; } = 2;
    /// <summary>Output nonlinearity of the MLP generator (the conv generators always end in tanh).</summary>
    public OutputActivation OutputActivation { get; set; } = OutputActivation.Linear;
    public bool SpectralNorm { get; set; }
    public int LatentDimension { get; set; } = 16;
    public LatentDistribution LatentDistribution { get; set; } = LatentDistribution.Gaussian;

    public GanDynamics Dynamics { get; set; } = GanDynamics.Alternating;
    /// <summary>n_critic ≥ 1.</summary>
    public int DiscriminatorSteps { get; set; } = 1;
    public int UnrollSteps { get; set; } = 5;
    public OptimizerSettings GeneratorOptimizer { get; set; } = new();
    public OptimizerSettings DiscriminatorOptimizer { get; set; } = new();
    public double GradientPenalty { get; set; }
    public double WeightClip { get; set; }
    public double L2 { get; set; }
    public double EmaDecay { get; set; }
    public int BatchSize { get; set; } = 64;
    public int Steps { get; set; } = 1000;
    public int LogEvery { get; set; } = 10;
    /// <summary>Seed of initialisation, batches and latents; null: drawn from the MLContext seed.</summary>
    public int? Seed { get; set; }
    /// <summary>TorchSharp device: "cpu" (default) or "cuda" / "cuda:N".</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>Steps the D-loss must sit at the loss's collapse value before the collapse-basin flag is raised.</summary>
    public int CollapseWindow { get; set; } = 50;
    /// <summary>Write a resumable checkpoint (<see cref="Checkpoints.GanCheckpoint"/>) after every this many steps; 0: never.</summary>
    public int CheckpointEvery { get; set; }
    /// <summary>Where checkpoints go (ckpt-NNNNNNNN.zip); required when <see cref="CheckpointEvery"/> &gt; 0.</summary>
    public string? CheckpointDirectory { get; set; }
    /// <summary>
    /// Continue from a checkpoint file, or from the latest complete checkpoint in a directory: networks, optimisers,
    /// EMA, random streams, data position and log are restored and training runs from its step to <see cref="Steps"/>.
    /// The checkpoint's seed is used; the architecture options must match it.
    /// </summary>
    public string? ResumeFrom { get; set; }
    [JsonIgnore]
    public IProgress<TrainingStep>? Progress { get; set; }
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every option before data is read; messages name the option and its range.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(FeatureColumnName), FeatureColumnName), (nameof(LatentColumnName), LatentColumnName), (nameof(OutputColumnName), OutputColumnName) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        if (!GanLosses.Names.Contains(Loss?.Trim().ToLowerInvariant()))
            throw new ArgumentException($"Unknown loss '{Loss}' for option {nameof(Loss)}. Valid names: {string.Join(", ", GanLosses.Names)}.", nameof(Loss));
        Guard.Positive(Width, nameof(Width));
        Guard.Positive(HiddenLayers, nameof(HiddenLayers));
        Guard.Positive(LatentDimension, nameof(LatentDimension));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(LogEvery, nameof(LogEvery));
        Guard.Positive(CollapseWindow, nameof(CollapseWindow));
        Guard.AtLeast(CheckpointEvery, 0, nameof(CheckpointEvery));
        if (CheckpointEvery > 0 && string.IsNullOrWhiteSpace(CheckpointDirectory))
            throw new ArgumentException($"{nameof(CheckpointEvery)} is {CheckpointEvery}: set {nameof(CheckpointDirectory)} to where checkpoints go.", nameof(CheckpointDirectory));
        if (ResumeFrom is not null && string.IsNullOrWhiteSpace(ResumeFrom))
            throw new ArgumentException($"{nameof(ResumeFrom)} must name a checkpoint file or directory, or be null.", nameof(ResumeFrom));
        if (ImageShape is not null) Transforms.Generators.ImageShape.Check(ImageShape, nameof(ImageShape), Network is GanNetwork.Dcgan or GanNetwork.ResNet ? 4 : 1);
        else if (Network is GanNetwork.Dcgan or GanNetwork.ResNet)
            throw new ArgumentException($"{nameof(Network)} {Network} is convolutional: set {nameof(ImageShape)} to (C, H, W).", nameof(ImageShape));
        if (Network == GanNetwork.HiddenLayer && ImageShape is not null)
            throw new ArgumentException($"{nameof(Network)} HiddenLayer is Theorem 2.1's vector model: leave {nameof(ImageShape)} unset.", nameof(ImageShape));
        Settings().Validate();
        DeviceFactory.Parse(Device);
    }

    internal GanStepperSettings Settings() => new()
    {
        Dynamics = Dynamics, DiscriminatorSteps = DiscriminatorSteps, UnrollSteps = UnrollSteps,
        GeneratorOptimizer = GeneratorOptimizer, DiscriminatorOptimizer = DiscriminatorOptimizer,
        GradientPenalty = GradientPenalty, WeightClip = WeightClip, L2 = L2, EmaDecay = EmaDecay,
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
