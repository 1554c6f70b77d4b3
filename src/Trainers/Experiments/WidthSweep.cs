using System.Globalization;

namespace MlGan.Trainers.Experiments;

/// <summary>
/// A sweep over network widths k, parsed from a command-line spec: comma-separated entries, each a width
/// ("64") or a geometric range "a..b" (a, 2a, 4a, … ≤ b) with an optional factor "a..b*f" (a, fa, f²a, …).
/// Widths are the overparameterisation knob of Sajedi et al. (2021) and the narrow-net knob of Sun et al.
/// (2020), so the samples and the CLI share one parser. Example: "8..2048" = 8, 16, …, 2048.
/// </summary>
public sealed class WidthSweep
{
    /// <summary>Largest width accepted: wider hidden layers are a typo, not an experiment on this machine.</summary>
    public const int MaxWidth = 1 << 20;

    private WidthSweep(int[] widths) => Widths = widths;

    /// <summary>The widths, ascending, without duplicates.</summary>
    public IReadOnlyList<int> Widths { get; }

    public override string ToString() => string.Join(",", Widths);

    /// <summary>Parses <paramref name="spec"/>; throws ArgumentException (bad syntax, empty) or ArgumentOutOfRangeException (width ≤ 0 or too large).</summary>
    public static WidthSweep Parse(string spec, string parameterName = "widths")
    {
        if (string.IsNullOrWhiteSpace(spec))
            throw new ArgumentException($"The width sweep '{parameterName}' is empty: give widths like \"8,16,32\" or a range \"8..2048\".", parameterName);
        var widths = new SortedSet<int>();
        foreach (var raw in spec.Split(','))
        {
            string entry = raw.Trim();
            if (entry.Length == 0)
                throw new ArgumentException($"The width sweep '{spec}' has an empty entry (check the commas).", parameterName);
            int range = entry.IndexOf("..", StringComparison.Ordinal);
            if (range < 0)
            {
                Add(widths, Width(entry, spec, parameterName), spec, parameterName);
                continue;
            }
            string rest = entry[(range + 2)..];
            int star = rest.IndexOf('*');
            int from = Width(entry[..range], spec, parameterName);
            int to = Width(star < 0 ? rest : rest[..star], spec, parameterName);
            int factor = star < 0 ? 2 : Number(rest[(star + 1)..], spec, parameterName, "factor");
            if (factor < 2)
                throw new ArgumentOutOfRangeException(parameterName, factor, $"The range '{entry}' in width sweep '{spec}' needs a factor ≥ 2.");
            if (from > to)
                throw new ArgumentException($"The range '{entry}' in width sweep '{spec}' runs backwards ({from} > {to}).", parameterName);
            for (long k = from; k <= to; k *= factor) Add(widths, (int)k, spec, parameterName);
        }
        return new WidthSweep(widths.ToArray());
    }

    private static void Add(SortedSet<int> widths, int k, string spec, string parameterName)
    {
        if (!widths.Add(k))
            throw new ArgumentException($"The width sweep '{spec}' lists width {k} twice.", parameterName);
    }

    private static int Width(string text, string spec, string parameterName)
    {
        int k = Number(text, spec, parameterName, "width");
        if (k <= 0 || k > MaxWidth)
            throw new ArgumentOutOfRangeException(parameterName, k, $"Widths must lie in 1..{MaxWidth}; width sweep '{spec}' has {k}.");
        return k;
    }

    private static int Number(string text, string spec, string parameterName, string what)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            throw new ArgumentException($"'{text.Trim()}' in width sweep '{spec}' is not an integer {what}.", parameterName);
        return v > int.MaxValue ? int.MaxValue : v < int.MinValue ? int.MinValue : (int)v;
    }
}
