using System.Globalization;

namespace MlGan.Trainers.Diagnostics;

/// <summary>
/// Warns (once each) when a random-feature WGAN run stalls or climbs: a θ gradient norm of exactly 0 (the critic's
/// features saturate, σ′ = 0, so no signal reaches θ) and an exact J above its starting value J(θ⁰) (a step too large
/// for the landscape, or saturation). The trainer turns "θ never moved" into an error after the run.
/// </summary>
public sealed class RandomFeatureStallDetector : ITrainingMonitor
{
    /// <summary>A detector for a run that started at J(θ⁰) = <paramref name="initialJ"/>.</summary>
    /// <param name="initialJ">J before the first step (finite, ≥ 0).</param>
    /// <param name="gradientQuantity">The log column of ‖∇θ‖. Default <c>grad_norm</c>.</param>
    /// <param name="objectiveQuantity">The log column of the exact J. Default <c>J</c>.</param>
    public RandomFeatureStallDetector(double initialJ, string gradientQuantity = "grad_norm", string objectiveQuantity = "J")
    {
        MlGan.Transforms.Guard.Finite(initialJ, nameof(initialJ));
        InitialJ = initialJ;
        GradientQuantity = gradientQuantity ?? throw new ArgumentNullException(nameof(gradientQuantity));
        ObjectiveQuantity = objectiveQuantity ?? throw new ArgumentNullException(nameof(objectiveQuantity));
    }

    /// <summary>J(θ⁰), the value J must stay below.</summary>
    public double InitialJ { get; }
    /// <summary>The log column of ‖∇θ‖.</summary>
    public string GradientQuantity { get; }
    /// <summary>The log column of the exact J.</summary>
    public string ObjectiveQuantity { get; }
    /// <summary>The first logged step whose θ gradient was exactly 0; null if none.</summary>
    public int? ZeroGradientAt { get; private set; }
    /// <summary>The first logged step whose J exceeded J(θ⁰); null if none.</summary>
    public int? RoseAt { get; private set; }

    /// <inheritdoc />
    public string? Observe(int step, IReadOnlyList<string> quantities, IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        ArgumentNullException.ThrowIfNull(values);
        int g = IndexOf(quantities, GradientQuantity), j = IndexOf(quantities, ObjectiveQuantity);
        if (ZeroGradientAt is null && g >= 0 && values[g] is 0.0)
        {
            ZeroGradientAt = step;
            return "the θ gradient is exactly 0: the critic's features saturate (σ′ = 0), so θ gets no signal — lower DiscriminatorWeightScale / GeneratorWeightScale or rescale the data.";
        }
        if (RoseAt is null && j >= 0 && values[j] is { } value && value > InitialJ)
        {
            RoseAt = step;
            return string.Create(CultureInfo.InvariantCulture,
                $"J = {value:G4} rose above J(θ⁰) = {InitialJ:G4}: the θ step is too large for this landscape (lower LearningRate) or the features saturate.");
        }
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> quantities, string name)
    {
        for (int i = 0; i < quantities.Count; i++)
            if (quantities[i] == name) return i;
        return -1;
    }
}
