using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

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
public sealed record OptimizerSettings(OptimizerKind Kind = OptimizerKind.Adam, double LearningRate = 1e-4,
    double Beta1 = 0.5, double Beta2 = 0.999)
{
    public void Validate(string name)
    {
        Guard.Positive(LearningRate, name + ".LearningRate");
        Guard.InRange(Beta1, 0, 0.999999, name + ".Beta1");
        Guard.InRange(Beta2, 0, 0.999999, name + ".Beta2");
    }

    public optim.Optimizer Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) => Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, LearningRate),
        OptimizerKind.Adam => optim.Adam(parameters, LearningRate, Beta1, Beta2),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Kind must be Sgd or Adam."),
    };
}
