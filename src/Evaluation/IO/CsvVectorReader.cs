using System.Globalization;
using MlGan.Transforms;

namespace MlGan.Evaluation.IO;

/// <summary>
/// Reads feature vectors from CSV: one sample per line, comma-separated floats (invariant culture), all
/// lines the same length. The first line is taken as a header, and skipped, when any of its fields is not
/// a number. Blank lines are ignored. Errors name the file and line.
/// </summary>
public static class CsvVectorReader
{
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
        var rows = new List<float[]>();
        int width = -1, lineNumber = 0;
        bool first = true;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            var row = new float[fields.Length];
            int bad = -1;
            for (int j = 0; j < fields.Length && bad < 0; j++)
                if (!float.TryParse(fields[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out row[j])) bad = j;
            if (bad >= 0)
            {
                if (first) { first = false; continue; } // header line
                throw new InvalidDataException($"'{source}' line {lineNumber}, field {bad + 1}: '{fields[bad].Trim()}' is not a number.");
            }
            first = false;
            if (width < 0) width = row.Length;
            else if (row.Length != width)
                throw new InvalidDataException($"'{source}' line {lineNumber} has {row.Length} values; earlier lines have {width}.");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new InvalidDataException($"'{source}' holds no data lines.");
        return rows.ToArray();
    }
}
