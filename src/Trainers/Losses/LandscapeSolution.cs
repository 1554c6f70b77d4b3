namespace MlGan.Trainers.Losses;

/// <summary>
/// The discriminator's optimum for fixed data and generated points.
/// <see cref="Value"/> is the paper's φ(Y, X) = sup_f objective = −<see cref="DiscriminatorLoss"/>.
/// </summary>
/// <param name="Value">φ(Y, X), the landscape value.</param>
/// <param name="DiscriminatorLoss">The minimal D-loss (= −Value).</param>
/// <param name="Points">The distinct points, ascending.</param>
/// <param name="Logits">The optimal discriminator's logit f at each distinct point (may be large where the sup is only approached).</param>
/// <param name="Iterations">Newton iterations taken.</param>
/// <param name="GradientNorm">‖∇ D-loss‖∞ at the returned logits.</param>
public sealed record LandscapeSolution(
    double Value,
    double DiscriminatorLoss,
    IReadOnlyList<double> Points,
    IReadOnlyList<double> Logits,
    int Iterations,
    double GradientNorm);
