using System.Globalization;

namespace MlGan.Samples.Reproduce;

/// <summary>A sample's CSV output (header row, comma-separated, no quoted fields), read by column name.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string[] header, List<string[]> rows)
    {
        _columns = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        Rows = rows;
    }

    /// <summary>The data rows, cells as written.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new InvalidDataException($"{path} is empty.");
        return new CsvTable(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    /// <summary>The cell of <paramref name="column"/> in <paramref name="row"/>.</summary>
    public string Cell(string[] row, string column) =>
        _columns.TryGetValue(column, out int i) ? row[i] : throw new InvalidDataException($"No column '{column}' (have {string.Join(", ", _columns.Keys)}).");

    /// <summary>The cell as a number; an empty cell is null.</summary>
    public double? Number(string[] row, string column)
    {
        string s = Cell(row, column);
        return s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>Rows whose <paramref name="column"/> equals <paramref name="value"/>.</summary>
    public IEnumerable<string[]> Where(string column, string value) => Rows.Where(r => Cell(r, column) == value);
}
