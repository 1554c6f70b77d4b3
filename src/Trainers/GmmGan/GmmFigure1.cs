namespace MlGan.Trainers.GmmGan;

/// <summary>One Figure 1 panel: a dynamics, its starting point, and how many steps to show.</summary>
public sealed record GmmScenario(string Name, string Title, GmmDynamicsKind Kind, GmmGanMixture Initial,
    TwoIntervalDiscriminator InitialDiscriminator, int Steps, double StepSize = 0.1)
{
    /// <summary>The target of every panel: μ* = (−0.5, 0.5).</summary>
    public static readonly GmmGanMixture Target = new(-0.5, 0.5);

    /// <summary>Runs the panel's dynamics from its start, recording into <paramref name="trajectory"/> when given.</summary>
    public GmmRunResult Run(GmmTrajectory? trajectory = null) =>
        GmmDynamics.Run(Kind, Target, Initial, InitialDiscriminator, new GmmDynamicsOptions { StepSize = StepSize, Steps = Steps }, trajectory);
}

/// <summary>
/// Starting points reproducing the four behaviours of Figure 1 (μ* = (−0.5, 0.5), step size 0.1). The paper does
/// not list its initial conditions; these were found by a random search over μ̂(0) ∈ [−2, 2]², four sorted
/// interval ends in [−3, 3] (one decimal), classifying 8000-step first-order runs by outcome.
/// </summary>
public static class GmmFigure1
{
    /// <summary>(a) First-order dynamics converging to μ*.</summary>
    public static readonly GmmScenario Converging = new("a-converging", "First order dynamics, converging behavior",
        GmmDynamicsKind.FirstOrder, new(-1.4, 1.8), new(-2.3, -0.8, 0.6, 2.9), 5000);

    /// <summary>(b) First-order dynamics oscillating, then both means collapse onto one mode (and keep oscillating).</summary>
    public static readonly GmmScenario ModeCollapse = new("b-mode-collapse", "First order dynamics, mode collapse",
        GmmDynamicsKind.FirstOrder, new(-1.7, 1.8), new(-1.9, 0.0, 1.1, 2.9), 8000);

    /// <summary>(c) Optimal-discriminator dynamics from the same μ̂(0) as (b): converges within 100 steps.</summary>
    public static readonly GmmScenario Optimal = new("c-optimal", "Optimal discriminator dynamics",
        GmmDynamicsKind.Optimal, new(-1.7, 1.8), default, 100);

    /// <summary>(d) First-order dynamics whose discriminator intervals both collapse: the gradient vanishes at a wrong μ̂.</summary>
    public static readonly GmmScenario VanishingGradient = new("d-vanishing-gradient", "First order dynamics, vanishing gradient",
        GmmDynamicsKind.FirstOrder, new(0.6, 0.7), new(-2.1, -1.4, -1.0, -0.4), 5000);

    /// <summary>The four panels in the figure's order.</summary>
    public static IReadOnlyList<GmmScenario> All { get; } = [Converging, ModeCollapse, Optimal, VanishingGradient];
}
