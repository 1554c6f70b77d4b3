using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;

namespace MlGan.Trainers;

/// <summary>
/// The papers' settings per loss family, in one place: the <c>ml.Gan().Trainers.Wgan/RsGan/JsGan</c> shortcuts and
/// the CLI's <c>--family</c> apply them. Values are <see cref="GanTrainerOptions.Defaults"/> constants.
/// </summary>
public static class GanRecipes
{
    /// <summary>Every family name: wgan-gp, wgan-clip, wgan-l2, then each separable / relativistic loss by its own name.</summary>
    public static IReadOnlyList<string> Families { get; } = ["wgan-gp", "wgan-clip", "wgan-l2", "rs", "rs-sat", "rp-hinge", "rp-ls", "js", "js-ns", "hinge", "ls"];

    /// <summary>
    /// Sets the loss, regulariser, dynamics and optimisers of <paramref name="family"/> on <paramref name="options"/>:
    /// WGAN family with Adam(1e-4, 0.5, 0.999) (Sajedi et al. 2021, App. D) — GP λ = 10 or clipping c = 0.01 with
    /// n_critic = 5, or ℓ2 λ = 1 with simultaneous GDA; separable and relativistic losses with Adam(2e-4, 0.5, 0.999)
    /// for both networks (Sun et al. 2020, §D).
    /// </summary>
    public static GanTrainerOptions Apply(string family, GanTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        switch (family.Trim().ToLowerInvariant())
        {
            case "wgan-gp":
                options.Loss = new WassersteinGanLoss();
                options.GradientPenalty = GanTrainerOptions.Defaults.GradientPenalty;
                options.DiscriminatorSteps = GanTrainerOptions.Defaults.WganDiscriminatorSteps;
                break;
            case "wgan-clip":
                options.Loss = new WassersteinGanLoss();
                options.WeightClip = GanTrainerOptions.Defaults.WeightClip;
                options.DiscriminatorSteps = GanTrainerOptions.Defaults.WganDiscriminatorSteps;
                break;
            case "wgan-l2":
                options.Loss = new WassersteinGanLoss();
                options.L2 = GanTrainerOptions.Defaults.L2;
                options.Dynamics = GanDynamics.Simultaneous;
                break;
            case "rs" or "rs-sat" or "rp-hinge" or "rp-ls" or "js" or "js-ns" or "hinge" or "ls":
                options.Loss = GanLosses.ByName(family);
                options.GeneratorOptimizer = options.DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Adam, GanTrainerOptions.Defaults.SeparableLearningRate);
                break;
            default:
                throw new ArgumentException($"Unknown family '{family}'; expected one of: {string.Join(", ", Families)}.", nameof(family));
        }
        return options;
    }
}
