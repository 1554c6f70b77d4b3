using System.Globalization;

namespace MlGan.Cli;

/// <summary>
/// A sweep over network widths k, parsed from a command-line spec: comma-separated entries, each a width
/// ("64") or a geometric range "a..b" (a, 2a, 4a, … ≤ b) with an optional factor "a..b*f" (a, fa, f²a, …).
/// Widths are the overparameterisation knob of Sajedi et al. (2021) and the narrow-net knob of Sun et al.
/// (2020), so the samples share one parser. Example: "8..2048" = 8, 16, …, 2048.
/// </summary>
public sealed class WidthSweep
{
    /// <summary>Largest width accepted: wider hidden layers are a typo, not an experiment on this machine.</summary>
    public const int MaxWidth = 1 << 20;

    private WidthSweep(int[] widths) => Widths = widths;

    /// <summary>The widths, ascending, without duplicates.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>The widths as a comma-separated list (a spec that parses back to this sweep).</summary>
    public override string ToString() => string.Join(",", Widths);

    /// <summary>Parses <paramref name="spec"/>; throws ArgumentException (bad syntax, empty) or ArgumentOutOfRangeException (width ≤ 0 or too large).</summary>
    /// <param name="spec">The sweep, e.g. "8,16,32" or "8..2048*4".</param>
    /// <param name="parameterName">The option or parameter the spec came from; it names the spec in messages.</param>
    public static WidthSweep Parse(string spec, string parameterName = "widths")
    {
        if (Expand(spec, parameterName, out var widths) is not { } problem) return new WidthSweep(widths);
        throw problem.OutOfRange ? new ArgumentOutOfRangeException(parameterName, problem.Message) : new ArgumentException(problem.Message, parameterName);
    }

    /// <summary>Parses <paramref name="spec"/> without throwing: false, with the reason in <paramref name="error"/>, when <see cref="Parse"/> would throw.</summary>
    /// <param name="spec">The sweep, e.g. "8,16,32" or "8..2048*4".</param>
    /// <param name="parameterName">The option or parameter the spec came from; it names the spec in messages.</param>
    /// <param name="sweep">The sweep, or null when the spec is malformed.</param>
    /// <param name="error">Null, or a one-line message naming the spec and what is wrong with it.</param>
    public static bool TryParse(string spec, string parameterName, out WidthSweep? sweep, out string? error)
    {
        var problem = Expand(spec, parameterName, out var widths);
        sweep = problem is null ? new WidthSweep(widths) : null;
        error = problem?.Message;
        return problem is null;
    }

    /// <summary>What is wrong with a spec; <see cref="OutOfRange"/> for a width or factor outside its range, not bad syntax.</summary>
    private sealed record Problem(string Message, bool OutOfRange = false);

    private static Problem? Expand(string spec, string parameterName, out int[] result)
    {
        result = [];
        if (string.IsNullOrWhiteSpace(spec))
            return new($"The width sweep '{parameterName}' is empty: give widths like \"8,16,32\" or a range \"8..2048\".");
        var widths = new SortedSet<int>();
        foreach (var raw in spec.Split(','))
        {
            string entry = raw.Trim();
            if (entry.Length == 0)
                return new($"The width sweep '{spec}' has an empty entry (check the commas).");
            int range = entry.IndexOf("..", StringComparison.Ordinal);
            if (range < 0)
            {
                var problem = Width(entry, spec, out int k) ?? Add(widths, k, spec);
                if (problem is not null) return problem;
                continue;
            }
            string rest = entry[(range + 2)..];
            int star = rest.IndexOf('*');
            if (Width(entry[..range], spec, out int from) is { } badFrom) return badFrom;
            if (Width(star < 0 ? rest : rest[..star], spec, out int to) is { } badTo) return badTo;
            int factor = 2;
            if (star >= 0 && Number(rest[(star + 1)..], spec, "factor", out factor) is { } badFactor) return badFactor;
            if (factor < 2)
                return new($"The range '{entry}' in width sweep '{spec}' needs a factor ≥ 2; got {factor}.", OutOfRange: true);
            if (from > to)
                return new($"The range '{entry}' in width sweep '{spec}' runs backwards ({from} > {to}).");
            for (long k = from; k <= to; k *= factor)
                if (Add(widths, (int)k, spec) is { } bad) return bad;
        }
        result = [.. widths];
        return null;
    }

    private static Problem? Add(SortedSet<int> widths, int k, string spec) =>
        widths.Add(k) ? null : new($"The width sweep '{spec}' lists width {k} twice.");

    private static Problem? Width(string text, string spec, out int k)
    {
        if (Number(text, spec, "width", out k) is { } bad) return bad;
        return k <= 0 || k > MaxWidth ? new($"Widths must lie in 1..{MaxWidth}; width sweep '{spec}' has {k}.", OutOfRange: true) : null;
    }

    private static Problem? Number(string text, string spec, string what, out int value)
    {
        value = 0;
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            return new($"'{text.Trim()}' in width sweep '{spec}' is not an integer {what}.");
        // Clamped, so a huge width is reported as out of range rather than wrapping round.
        value = (int)Math.Clamp(v, int.MinValue, int.MaxValue);
        return null;
    }
}
