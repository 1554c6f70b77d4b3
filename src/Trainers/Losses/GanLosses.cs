using MlGan.Transforms.Native;

namespace MlGan.Trainers.Losses;

/// <summary>
/// Creates losses by name. Names (case-insensitive):
/// <list type="bullet">
/// <item><c>js</c> — JS-GAN minimax (saturating generator)</item>
/// <item><c>js-ns</c> — JS-GAN, non-saturating generator</item>
/// <item><c>hinge</c> — hinge GAN</item>
/// <item><c>ls</c> — least-squares GAN</item>
/// <item><c>rs</c> — RS-GAN, non-saturating generator (the paper's practical form)</item>
/// <item><c>rs-sat</c> — RS-GAN minimax (saturating generator)</item>
/// <item><c>rp-hinge</c> — relativistic pairing hinge</item>
/// <item><c>rp-ls</c> — relativistic pairing least squares</item>
/// <item><c>wgan</c> — plain Wasserstein (add clipping / gradient penalty / ℓ2 separately)</item>
/// </list>
/// </summary>
public static class GanLosses
{
    private static readonly Dictionary<string, Func<GanLoss>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["js"] = () => new JsGanLoss(),
        ["js-ns"] = () => new JsNonSaturatingGanLoss(),
        ["hinge"] = () => new HingeGanLoss(),
        ["ls"] = () => new LeastSquaresGanLoss(),
        ["rs"] = () => new RsGanLoss(),
        ["rs-sat"] = () => new RsSaturatingGanLoss(),
        ["rp-hinge"] = () => new RpHingeGanLoss(),
        ["rp-ls"] = () => new RpLeastSquaresGanLoss(),
        ["wgan"] = () => new WassersteinGanLoss(),
    };

    /// <summary>Every accepted name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["js", "js-ns", "hinge", "ls", "rs", "rs-sat", "rp-hinge", "rp-ls", "wgan"];

    /// <summary>The loss called <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the valid names otherwise.</summary>
    public static GanLoss ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        TorchNative.EnsureAvailable();
        if (Factories.TryGetValue(name.Trim(), out var create)) return create();
        throw new ArgumentException(
            $"Unknown GAN loss '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>One instance of every loss, in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<GanLoss> All()
    {
        TorchNative.EnsureAvailable();
        return Names.Select(n => Factories[n]()).ToArray();
    }
}
