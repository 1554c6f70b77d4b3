using System.Text.RegularExpressions;

namespace MlGan.Samples.Reproduce;

/// <summary>
/// The report's command lines name the output folder as the user gave --out (e.g. docs/reproduction/full), not as the
/// absolute path the run resolved it to, so a committed report's commands work from any clone's root.
/// </summary>
internal static class CommandPaths
{
    /// <summary>Replaces <paramref name="absoluteDir"/> where it stands as a whole path or a path's leading folders.</summary>
    public static string AsGiven(string command, string absoluteDir, string given)
    {
        string dir = absoluteDir.TrimEnd(Path.DirectorySeparatorChar);
        string shown = given.TrimEnd(Path.DirectorySeparatorChar);
        if (dir.Length == 0 || dir == shown) return command;
        // Only before a separator, whitespace, a quote or the end: /out/full must not rewrite /out/full2.
        return Regex.Replace(command, Regex.Escape(dir) + @"(?=[/\\\s""']|$)", shown.Replace("$", "$$"));
    }
}
