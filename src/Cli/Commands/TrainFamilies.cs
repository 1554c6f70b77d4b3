using MlGan.Trainers;
using MlGan.Trainers.Dynamics;

namespace MlGan.Cli.Commands;

/// <summary>
/// The CLI's loss families and networks, each mapped to trainer options with the papers' settings
/// (the same defaults as the ml.Gan().Trainers.Wgan/RsGan/JsGan shortcuts).
/// </summary>
public static class TrainFamilies
{
    public static readonly IReadOnlyList<string> Families = ["wgan-gp", "wgan-clip", "wgan-l2", "rs", "rp-hinge", "rp-ls", "js", "js-ns", "hinge", "ls"];
    public static readonly IReadOnlyList<string> Networks = ["mlp", "dcgan", "resnet", "hidden-layer"];

    public static GanNetwork Network(string name) => name switch
    {
        "mlp" => GanNetwork.Mlp,
        "dcgan" => GanNetwork.Dcgan,
        "resnet" => GanNetwork.ResNet,
        "hidden-layer" => GanNetwork.HiddenLayer,
        _ => throw new ArgumentException($"Unknown network '{name}'; expected one of: {string.Join(", ", Networks)}.", nameof(name)),
    };

    /// <summary>Sets the loss, regulariser, dynamics and optimisers of <paramref name="family"/> on <paramref name="o"/>.</summary>
    public static void Apply(string family, GanTrainerOptions o)
    {
        var adam2 = new OptimizerSettings(OptimizerKind.Adam, 2e-4);
        switch (family)
        {
            // WGAN family: Adam(1e-4, 0.5, 0.999) (Sajedi et al. 2021, App. D); GP λ = 10 and clipping c = 0.01 with n_critic = 5.
            case "wgan-gp": o.Loss = "wgan"; o.GradientPenalty = 10; o.DiscriminatorSteps = 5; break;
            case "wgan-clip": o.Loss = "wgan"; o.WeightClip = 0.01; o.DiscriminatorSteps = 5; break;
            case "wgan-l2": o.Loss = "wgan"; o.L2 = 1; o.Dynamics = GanDynamics.Simultaneous; break;
            // Separable and relativistic losses: Adam(2e-4, 0.5, 0.999) for both networks (Sun et al. 2020, §D).
            case "rs" or "rp-hinge" or "rp-ls" or "js" or "js-ns" or "hinge" or "ls":
                o.Loss = family;
                o.GeneratorOptimizer = o.DiscriminatorOptimizer = adam2;
                break;
            default:
                throw new ArgumentException($"Unknown family '{family}'; expected one of: {string.Join(", ", Families)}.", nameof(family));
        }
    }
}
