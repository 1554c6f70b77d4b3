using System.Globalization;
using MlGan.Transforms;

namespace MlGan.Cli;

/// <summary>
/// Reads feature vectors from CSV: one sample per line, comma-separated floats (invariant culture), all
/// lines the same length. The first line is taken as a header, and skipped, when any of its fields is not
/// a number. Blank lines are ignored. Non-finite tokens (<c>inf</c>, <c>-Inf</c>, <c>Infinity</c>, <c>nan</c>) are
/// recognised as numbers and rejected as non-finite. Errors name the file, line and field.
/// </summary>
/// <remarks>Lines are parsed in parallel (the reading is sequential): parsing dominates the cost of large files.</remarks>
internal static class CsvVectorReader
{
    private const int LinesPerTask = 256;

    /// <summary>Reads the rows of the CSV file at <paramref name="path"/>.</summary>
    public static float[][] Read(string path)
    {
        Guard.NotNull(path, nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: '{path}'.", path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads from any text reader; <paramref name="source"/> names it in error messages.</summary>
    public static float[][] Read(TextReader reader, string source)
    {
        Guard.NotNull(reader, nameof(reader));
        var lines = new List<(int Number, string Text)>();
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line)) lines.Add((lineNumber, line));
        }
        if (lines.Count == 0) throw new InvalidDataException($"'{source}' holds no data lines.");

        // A first line with a field that is not a number token is a header.
        int start = TryParseLine(lines[0].Text, out _, out var first) is null && first.Why == NotANumber ? 1 : 0;
        int count = lines.Count - start;
        if (count == 0) throw new InvalidDataException($"'{source}' holds a header line and no data lines.");
        var rows = new float[count][];
        var errors = new string?[(count + LinesPerTask - 1) / LinesPerTask];
        Parallel.For(0, errors.Length, block =>
        {
            int end = Math.Min(count, (block + 1) * LinesPerTask);
            for (int i = block * LinesPerTask; i < end; i++)
            {
                var (number, text) = lines[start + i];
                if (TryParseLine(text, out var row, out var problem) is null)
                {
                    errors[block] = $"'{source}' line {number}, field {problem.Field}: '{problem.Token}' {problem.Why}.";
                    return; // the first error of a block is the earliest line of that block
                }
                rows[i] = row!;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } error) throw new InvalidDataException(error);
        int width = rows[0].Length;
        for (int i = 1; i < count; i++)
            if (rows[i].Length != width)
                throw new InvalidDataException($"'{source}' line {lines[start + i].Number} has {rows[i].Length} values; earlier lines have {width}.");
        return rows;
    }

    private const string NotANumber = "is not a number";

    private readonly record struct Problem(int Field, string Token, string Why);

    /// <summary>The values of one line, or null with the first bad field (1-based).</summary>
    private static float[]? TryParseLine(string line, out float[]? row, out Problem problem)
    {
        var span = line.AsSpan();
        int fields = span.Count(',') + 1;
        row = new float[fields];
        problem = default;
        for (int j = 0; j < fields; j++)
        {
            int comma = span.IndexOf(',');
            var token = (comma < 0 ? span : span[..comma]).Trim();
            span = comma < 0 ? [] : span[(comma + 1)..];
            if (!TryParseToken(token, out float value))
            {
                problem = new Problem(j + 1, token.ToString(), NotANumber);
                return row = null;
            }
            if (!float.IsFinite(value))
            {
                problem = new Problem(j + 1, token.ToString(), "is not finite");
                return row = null;
            }
            row[j] = value;
        }
        return row;
    }

    /// <summary>Invariant-culture floats plus the spellings of infinity and NaN other tools write (inf, -Inf, nan).</summary>
    private static bool TryParseToken(ReadOnlySpan<char> token, out float value)
    {
        if (float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var body = token.TrimStart("+-");
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = token[0] == '-' ? float.NegativeInfinity : float.PositiveInfinity;
            return true;
        }
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = float.NaN;
            return true;
        }
        return false;
    }
}
