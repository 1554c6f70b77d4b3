namespace MlGan.Trainers;

/// <summary>
/// The one list of named networks (CLI <c>--net</c>, the shortcuts): the built-ins mlp, hidden-layer, dcgan, resnet,
/// and every network a user registers (the CLI's <c>--plugin</c> registers every public <see cref="GanNetwork"/> of an assembly).
/// </summary>
public static class GanNetworks
{
    private static readonly object Gate = new();
    private static readonly List<GanNetwork> Entries = [GanNetwork.Mlp, GanNetwork.HiddenLayer, GanNetwork.Dcgan, GanNetwork.ResNet];

    /// <summary>Every registered name, built-ins first.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Entries.Select(e => e.Name).ToArray(); }
    }

    /// <summary>Adds <paramref name="network"/> under its name; the same type again is a no-op, another type under a taken name an error.</summary>
    public static void Register(GanNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (string.IsNullOrWhiteSpace(network.Name)) throw new ArgumentException($"{network.GetType().FullName} needs a non-empty Name to be registered.", nameof(network));
        lock (Gate)
        {
            var existing = Entries.FirstOrDefault(e => string.Equals(e.Name, network.Name, StringComparison.OrdinalIgnoreCase));
            if (existing is null) Entries.Add(network);
            else if (existing.GetType() != network.GetType())
                throw new ArgumentException($"The network name '{network.Name}' is taken by {existing.GetType().FullName}; give {network.GetType().FullName} another Name.", nameof(network));
        }
    }

    /// <summary>The network called <paramref name="name"/> (case-insensitive); <see cref="ArgumentException"/> listing the valid names otherwise.</summary>
    public static GanNetwork ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
            return Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown network '{name}'. Valid names: {string.Join(", ", Entries.Select(e => e.Name))}.", nameof(name));
    }
}
