using MlGan.Transforms.Native;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// Creates critic regularisers by name, with their one coefficient (names case-insensitive):
/// <list type="bullet">
/// <item><c>gp</c> — <see cref="GradientPenalty"/>, value λ (typically 10)</item>
/// <item><c>gp-one-sided</c> — <see cref="OneSidedGradientPenalty"/>, value λ (typically 10)</item>
/// <item><c>r1</c> — <see cref="R1Penalty"/>, value γ (typically 0.1–10)</item>
/// <item><c>r2</c> — <see cref="R2Penalty"/>, value γ (typically 0.1–10)</item>
/// <item><c>dragan</c> — <see cref="DraganPenalty"/>, value λ (typically 10; perturbation scale c = 0.5)</item>
/// <item><c>l2</c> — <see cref="L2Penalty"/>, value λ</item>
/// <item><c>clip</c> — <see cref="WeightClipping"/>, value c (typically 0.01)</item>
/// <item><c>bcr</c> — <see cref="BalancedConsistencyRegularization"/>, value λ_real = λ_fake (typically 10; default augmentation)</item>
/// </list>
/// </summary>
public static class CriticRegularizers
{
    private static readonly Dictionary<string, Func<double, CriticRegularizer>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gp"] = v => new GradientPenalty(v),
        ["gp-one-sided"] = v => new OneSidedGradientPenalty(v),
        ["r1"] = v => new R1Penalty(v),
        ["r2"] = v => new R2Penalty(v),
        ["dragan"] = v => new DraganPenalty(v),
        ["l2"] = v => new L2Penalty(v),
        ["clip"] = v => new WeightClipping(v),
        ["bcr"] = v => new BalancedConsistencyRegularization(v, v),
    };

    /// <summary>Every accepted name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gp", "gp-one-sided", "r1", "r2", "dragan", "l2", "clip", "bcr"];

    /// <summary>
    /// The regulariser called <paramref name="name"/> with coefficient <paramref name="value"/>; throws
    /// <see cref="ArgumentException"/> listing the valid names for an unknown name, and the stage's
    /// <see cref="ArgumentOutOfRangeException"/> for a value it does not accept.
    /// </summary>
    public static CriticRegularizer Parse(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Fail here, with the gate's explanation, rather than at the first penalty of a training run.
        TorchNative.EnsureAvailable();
        if (Factories.TryGetValue(name.Trim(), out var create)) return create(value);
        throw new ArgumentException($"Unknown critic regulariser '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
    }
}
