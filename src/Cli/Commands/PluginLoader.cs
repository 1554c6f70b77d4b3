using System.Reflection;
using MlGan.Trainers;
using MlGan.Trainers.Losses;

namespace MlGan.Cli.Commands;

/// <summary>
/// <c>mlgan train --plugin PATH.dll</c>: loads a user's assembly and registers every public, non-abstract
/// <see cref="GanLoss"/> and <see cref="GanNetwork"/> with a public parameterless constructor, so <c>--loss</c> and
/// <c>--net</c> can name them.
/// </summary>
internal static class PluginLoader
{
    /// <summary>Loads <paramref name="path"/>; returns the names it registered ("loss NAME", "network NAME").</summary>
    public static IReadOnlyList<string> Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--plugin needs the path of a .NET assembly.", "--plugin");
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"--plugin '{path}' does not exist.", full);
        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(full);
        }
        catch (BadImageFormatException ex)
        {
            throw new InvalidDataException($"--plugin '{path}' is not a .NET assembly: {ex.Message}", ex);
        }
        var registered = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(t => !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            if (typeof(GanLoss).IsAssignableFrom(type))
            {
                GanLoss Create() => (GanLoss)Activator.CreateInstance(type)!;
                GanLosses.Register(Create);
                registered.Add($"loss {Create().Name}");
            }
            else if (typeof(GanNetwork).IsAssignableFrom(type))
            {
                var network = (GanNetwork)Activator.CreateInstance(type)!;
                GanNetworks.Register(network);
                registered.Add($"network {network.Name}");
            }
        }
        if (registered.Count == 0)
            throw new ArgumentException($"--plugin '{path}' has no public GanLoss or GanNetwork type with a parameterless constructor.", "--plugin");
        return registered;
    }
}
