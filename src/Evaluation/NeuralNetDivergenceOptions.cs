using MlGan.Transforms;
using MlGan.Transforms.Generators;

namespace MlGan.Evaluation;

/// <summary>Architecture of the fresh critic the neural-net divergence trains.</summary>
public enum NndCriticKind
{
    /// <summary>Fully connected critic (MlGan.Trainers' <c>MlpDiscriminator</c>) on the flat vectors.</summary>
    Mlp,
    /// <summary>DCGAN critic (<c>DcganDiscriminator</c>) on rows reshaped to <see cref="NeuralNetDivergenceOptions.ImageShape"/>.</summary>
    Dcgan,
}

/// <summary>
/// Settings of <see cref="NeuralNetDivergence"/>: the critic, its WGAN-GP training (Adam with β = (0.5, 0.999),
/// λ = 10 as in Gulrajani et al. 2017) and the train/held-out split.
/// </summary>
public sealed class NeuralNetDivergenceOptions
{
    /// <summary>Critic architecture. Default MLP.</summary>
    public NndCriticKind Critic { get; set; } = NndCriticKind.Mlp;

    /// <summary>MLP hidden width, or DCGAN base channel count k, ≥ 1. Default 128.</summary>
    public int Width { get; set; } = 128;

    /// <summary>MLP hidden layers (ignored by DCGAN), ≥ 1. Default 2.</summary>
    public int HiddenLayers { get; set; } = 2;

    /// <summary>Critic updates, ≥ 1. Default 2000.</summary>
    public int Steps { get; set; } = 2000;

    /// <summary>Share of each side used to train the critic, in (0, 1); the rest is held out for the estimate. Default 0.5.</summary>
    public double TrainFraction { get; set; } = 0.5;

    /// <summary>Samples of each side per critic update (capped by the training split), ≥ 1. Default 128.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Adam learning rate, finite, &gt; 0. Default 1e-3.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Adam β1, in [0, 1). Default 0.5.</summary>
    public double Beta1 { get; set; } = 0.5;

    /// <summary>Adam β2, in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Gradient-penalty weight λ, finite, ≥ 0 (0: no penalty). Default 10.</summary>
    public double Lambda { get; set; } = 10;

    /// <summary>Seed of the split, batches, penalty interpolation and critic initialisation; null (default): the caller's seed (MLContext).</summary>
    public int? Seed { get; set; }

    /// <summary>[C, H, W] of one sample for the DCGAN critic, H and W positive multiples of 4; null (default): [1, 28, 28].</summary>
    public long[]? ImageShape { get; set; }

    /// <summary>Checks every setting; throws naming the property and its allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Critic)) throw new ArgumentOutOfRangeException(nameof(Critic), Critic, "Critic must be Mlp or Dcgan.");
        Guard.Positive(Width, nameof(Width));
        Guard.Positive(HiddenLayers, nameof(HiddenLayers));
        Guard.Positive(Steps, nameof(Steps));
        if (!(TrainFraction > 0 && TrainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(TrainFraction), TrainFraction, $"TrainFraction must lie strictly between 0 and 1; got {TrainFraction}.");
        Guard.Positive(BatchSize, nameof(BatchSize));
        Guard.Positive(LearningRate, nameof(LearningRate));
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, $"Beta1 must lie in [0, 1); got {Beta1}.");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, $"Beta2 must lie in [0, 1); got {Beta2}.");
        Guard.NonNegative(Lambda, nameof(Lambda));
        if (Critic == NndCriticKind.Dcgan) Transforms.Generators.ImageShape.Check(ImageShape ?? Transforms.Generators.ImageShape.Default, nameof(ImageShape));
    }
}
