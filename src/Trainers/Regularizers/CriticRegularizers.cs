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
    // One table: name, what its value means (the CLI's help), factory. Names and Describe derive from it.
    private static readonly (string Name, string Description, Func<double, CriticRegularizer> Create)[] Entries =
    [
        ("gp", "Two-sided gradient penalty λ (WGAN-GP; typically 10).", v => new GradientPenalty(v)),
        ("gp-one-sided", "One-sided gradient penalty λ (typically 10).", v => new OneSidedGradientPenalty(v)),
        ("r1", "R1 penalty γ on real samples (Mescheder et al. 2018; typically 0.1–10).", v => new R1Penalty(v)),
        ("r2", "R2 penalty γ on generated samples.", v => new R2Penalty(v)),
        ("dragan", "DRAGAN penalty λ around perturbed real samples (Kodali et al. 2017; typically 10).", v => new DraganPenalty(v)),
        ("l2", "ℓ2 critic-weight regulariser λ.", v => new L2Penalty(v)),
        ("clip", "Weight clipping bound c (typically 0.01).", v => new WeightClipping(v)),
        ("bcr", "Balanced consistency regularisation λ (Zhao et al. 2020; typically 10).", v => new BalancedConsistencyRegularization(v, v)),
    ];

    /// <summary>Every accepted name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>One line on what the value of regulariser <paramref name="name"/> means (the CLI's help text).</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static string Describe(string name) => Find(name).Description;

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
        return Find(name).Create(value);
    }

    private static (string Name, string Description, Func<double, CriticRegularizer> Create) Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in Entries)
            if (string.Equals(entry.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) return entry;
        throw new ArgumentException($"Unknown critic regulariser '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
    }
}
