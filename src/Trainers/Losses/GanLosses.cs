using MlGan.Transforms.Native;

namespace MlGan.Trainers.Losses;

/// <summary>
/// The one list of named losses: <see cref="GanTrainerOptions.Loss"/> takes a <see cref="GanLoss"/> instance, and
/// names are a convenience resolved here (CLI, shortcuts). Built-in names (case-insensitive):
/// <list type="bullet">
/// <item><c>js</c> — JS-GAN minimax (saturating generator)</item>
/// <item><c>js-ns</c> — JS-GAN, non-saturating generator</item>
/// <item><c>hinge</c> — hinge GAN</item>
/// <item><c>ls</c> — least-squares GAN</item>
/// <item><c>rs</c> — RS-GAN, non-saturating generator (the paper's practical form)</item>
/// <item><c>rs-sat</c> — RS-GAN minimax (saturating generator)</item>
/// <item><c>rp-hinge</c> — relativistic pairing hinge</item>
/// <item><c>rp-ls</c> — relativistic pairing least squares</item>
/// <item><c>wgan</c> — plain Wasserstein (add clipping / gradient penalty / ℓ2 as regularisers)</item>
/// </list>
/// A user's loss joins the list with <see cref="Register"/> (the CLI's <c>--plugin</c> registers every public loss of an assembly).
/// </summary>
public static class GanLosses
{
    private static readonly object Gate = new();
    // Built-ins are listed with their names so that reading Names does not load libtorch (a test checks each Name).
    private static readonly List<(string Name, Func<GanLoss> Create)> Entries =
    [
        ("js", () => new JsGanLoss()), ("js-ns", () => new JsNonSaturatingGanLoss()), ("hinge", () => new HingeGanLoss()),
        ("ls", () => new LeastSquaresGanLoss()), ("rs", () => new RsGanLoss()), ("rs-sat", () => new RsSaturatingGanLoss()),
        ("rp-hinge", () => new RpHingeGanLoss()), ("rp-ls", () => new RpLeastSquaresGanLoss()), ("wgan", () => new WassersteinGanLoss()),
    ];

    /// <summary>Every registered name, built-ins first in documentation order.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Entries.Select(e => e.Name).ToArray(); }
    }

    /// <summary>
    /// Adds a loss under its <see cref="GanLoss.Name"/> (the factory is called once to read it). Registering a name
    /// again with the same loss type is a no-op; a different type under a taken name is an error.
    /// </summary>
    public static void Register(Func<GanLoss> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var sample = create();
        string name = string.IsNullOrWhiteSpace(sample.Name)
            ? throw new ArgumentException($"{sample.GetType().FullName} needs a non-empty Name to be registered.", nameof(create))
            : sample.Name.Trim();
        lock (Gate)
        {
            int i = Entries.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                Entries.Add((name, create));
                return;
            }
            var existing = Entries[i].Create().GetType();
            if (existing != sample.GetType())
                throw new ArgumentException($"The loss name '{name}' is taken by {existing.FullName}; give {sample.GetType().FullName} another Name.", nameof(create));
        }
    }

    /// <summary>A new instance of the loss called <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the valid names otherwise.</summary>
    public static GanLoss ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        TorchNative.EnsureAvailable();
        Func<GanLoss>? create;
        lock (Gate) create = Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Create;
        return create?.Invoke() ?? throw new ArgumentException($"Unknown GAN loss '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>One instance of every registered loss, in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<GanLoss> All()
    {
        TorchNative.EnsureAvailable();
        lock (Gate) return Entries.Select(e => e.Create()).ToArray();
    }
}
