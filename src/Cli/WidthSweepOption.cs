using System.CommandLine;

namespace MlGan.Cli;

/// <summary>A command-line option holding a <see cref="WidthSweep"/> spec; a malformed spec is a parse error that names the option.</summary>
public static class WidthSweepOption
{
    /// <summary>The option <paramref name="name"/>; its value is null when the option is left out (the caller's default applies).</summary>
    /// <param name="name">The option's name, e.g. "--widths".</param>
    /// <param name="description">Help text; say what the widths are and the default.</param>
    public static Option<WidthSweep?> Create(string name, string description) => new(name)
    {
        Description = description + " SPEC: comma-separated widths or ranges a..b (doubling) / a..b*f, e.g. 8,16,32 or 8..2048.",
        HelpName = "SPEC",
        CustomParser = result =>
        {
            if (WidthSweep.TryParse(result.Tokens.Single().Value, name, out var sweep, out string? error)) return sweep;
            result.AddError(error!);
            return null;
        },
    };
}
