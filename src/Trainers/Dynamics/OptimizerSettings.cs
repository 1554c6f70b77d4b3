using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>The optimiser algorithm of <see cref="OptimizerSettings"/>.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient steps: the GDA of the theory (Sajedi et al. 2021, Eq. 3; Sun et al. 2020 §4).</summary>
    Sgd,
    /// <summary>Adam, the practice of both papers' experiments.</summary>
    Adam,
}

/// <summary>
/// One network's optimiser. Defaults follow the experiments: Adam with β = (0.5, 0.999) — Sajedi et al. (2021)
/// App. D use learning rate 1e-4 for DCGAN/ResNet with gradient penalty 10 and 5 critic steps; Sun et al. (2020)
/// §D use 2e-4 for the discriminator with the same betas (β = (0, 0.9) only for their CIFAR ResNet).
/// </summary>
/// <param name="Kind">The algorithm. Default <see cref="OptimizerKind.Adam"/>.</param>
/// <param name="LearningRate">Step size, finite, &gt; 0. Default 1e-4.</param>
/// <param name="Beta1">Adam's first-moment decay β₁ in [0, 0.999999] (ignored by SGD). Default 0.5.</param>
/// <param name="Beta2">Adam's second-moment decay β₂ in [0, 0.999999] (ignored by SGD). Default 0.999.</param>
public sealed record OptimizerSettings(OptimizerKind Kind = OptimizerKind.Adam, double LearningRate = GanTrainerOptions.Defaults.LearningRate,
    double Beta1 = GanTrainerOptions.Defaults.Beta1, double Beta2 = GanTrainerOptions.Defaults.Beta2)
{
    /// <summary>Checks the settings; <paramref name="name"/> (e.g. <c>GeneratorOptimizer</c>) prefixes the argument names in messages.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LearningRate"/> is not a finite number &gt; 0, or a β lies outside [0, 0.999999].</exception>
    public void Validate(string name)
    {
        Guard.Positive(LearningRate, name + ".LearningRate");
        Guard.InRange(Beta1, 0, 0.999999, name + ".Beta1");
        Guard.InRange(Beta2, 0, 0.999999, name + ".Beta2");
    }

    /// <summary>A TorchSharp optimiser over <paramref name="parameters"/> (SGD without momentum, or Adam without weight decay).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Kind"/> is not a defined <see cref="OptimizerKind"/>.</exception>
    public optim.Optimizer Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) => Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, LearningRate),
        OptimizerKind.Adam => optim.Adam(parameters, LearningRate, Beta1, Beta2),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Kind must be Sgd or Adam."),
    };
}
