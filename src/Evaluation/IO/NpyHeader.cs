using System.Globalization;
using System.Text;

namespace MlGan.Evaluation.IO;

/// <summary>
/// The header of a NumPy <c>.npy</c> array: dtype descriptor, memory order and shape, as NumPy writes them
/// in the Python dict literal <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>.
/// </summary>
/// <remarks>
/// Only the dtypes MlGan exchanges are understood: floating point ('f4', 'f8'), signed 64-bit integers ('i8')
/// and bytes ('u1'), either byte order. The parser accepts exactly the literal grammar NumPy emits
/// (single- or double-quoted keys, <c>True</c>/<c>False</c>, integer tuples, a trailing comma), nothing more.
/// </remarks>
internal sealed record NpyHeader(string Descriptor, bool FortranOrder, long[] Shape)
{
    /// <summary>The byte order the data is stored in: true for little-endian (or byte data, which has none).</summary>
    public bool LittleEndian => Descriptor[0] != '>';

    /// <summary>The type character: 'f' (float), 'i' (signed integer) or 'u' (unsigned integer).</summary>
    public char Kind => Descriptor[1];

    /// <summary>Bytes per element (the digit(s) after the kind).</summary>
    public int ItemSize => int.Parse(Descriptor.AsSpan(2), CultureInfo.InvariantCulture);

    /// <summary>Number of elements: the product of the shape (1 for a scalar, shape <c>()</c>).</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, extent) => checked(product * extent));

    /// <summary>The shape as NumPy prints it, e.g. <c>(3, 4)</c>, <c>(3,)</c> or <c>()</c>.</summary>
    public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    /// <summary>The dict literal NumPy writes for this header (without the padding and newline).</summary>
    public string ToDictLiteral() =>
        $"{{'descr': '{Descriptor}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {ShapeText}, }}";

    /// <summary>
    /// Parses the header dict; <paramref name="describe"/> names the array in error messages. Anything NumPy
    /// would not have written, or a dtype MlGan does not read, gives <see cref="InvalidDataException"/>.
    /// </summary>
    public static NpyHeader Parse(string literal, string describe)
    {
        var parser = new DictParser(literal, describe);
        var fields = parser.ParseDict();
        InvalidDataException Bad(string why) => new($"{describe}: {why} (header {literal.Trim()}).");

        if (fields.GetValueOrDefault("descr") is not string descriptor) throw Bad("the header has no 'descr' string");
        if (fields.GetValueOrDefault("fortran_order") is not bool fortran) throw Bad("the header has no 'fortran_order' True/False");
        if (fields.GetValueOrDefault("shape") is not long[] shape) throw Bad("the header has no 'shape' tuple");
        if (!IsSupported(descriptor))
            throw Bad($"dtype '{descriptor}' is not supported (MlGan reads '<f8', '>f8', '<f4', '>f4', '<i8', '>i8' and '|u1')");
        if (shape.Any(extent => extent < 0)) throw Bad("the shape has a negative extent");
        return new NpyHeader(descriptor, fortran, shape);
    }

    private static bool IsSupported(string descriptor) => descriptor switch
    {
        "<f8" or ">f8" or "<f4" or ">f4" or "<i8" or ">i8" or "|u1" or "<u1" or ">u1" => true,
        _ => false,
    };

    /// <summary>A recursive-descent reader for the subset of Python literals found in .npy headers.</summary>
    private sealed class DictParser(string text, string describe)
    {
        private int _position;

        public Dictionary<string, object> ParseDict()
        {
            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (TryConsume('}')) break;
                string key = ParseString();
                Expect(':');
                object value = ParseValue();
                if (!fields.TryAdd(key, value)) throw Bad($"key '{key}' appears twice");
                SkipSpace();
                if (TryConsume(',')) continue;
                Expect('}');
                break;
            }
            SkipSpace();
            if (_position != text.Length) throw Bad($"unexpected text after the dict at character {_position}");
            return fields;
        }

        private object ParseValue()
        {
            SkipSpace();
            if (_position >= text.Length) throw Bad("the header ends inside a value");
            char c = text[_position];
            if (c is '\'' or '"') return ParseString();
            if (c == '(') return ParseTuple();
            if (Matches("True")) return true;
            if (Matches("False")) return false;
            throw Bad($"unexpected character '{c}' at {_position}");
        }

        private long[] ParseTuple()
        {
            Expect('(');
            var items = new List<long>();
            while (true)
            {
                SkipSpace();
                if (TryConsume(')')) break;
                items.Add(ParseInteger());
                SkipSpace();
                if (TryConsume(',')) continue;
                Expect(')');
                break;
            }
            return [.. items];
        }

        private long ParseInteger()
        {
            int start = _position;
            while (_position < text.Length && char.IsAsciiDigit(text[_position])) _position++;
            if (_position == start) throw Bad($"expected an integer at character {start}");
            // Python 2 era NumPy wrote long extents as "3L".
            var digits = text.AsSpan(start, _position - start);
            if (_position < text.Length && text[_position] == 'L') _position++;
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
                ? value
                : throw Bad($"extent {digits} is too large");
        }

        private string ParseString()
        {
            SkipSpace();
            if (_position >= text.Length || text[_position] is not ('\'' or '"')) throw Bad($"expected a quoted string at character {_position}");
            char quote = text[_position++];
            var value = new StringBuilder();
            while (_position < text.Length && text[_position] != quote) value.Append(text[_position++]);
            if (_position >= text.Length) throw Bad("unterminated string");
            _position++;
            return value.ToString();
        }

        private bool Matches(string word)
        {
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) != 0) return false;
            _position += word.Length;
            return true;
        }

        private bool TryConsume(char c)
        {
            SkipSpace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!TryConsume(c)) throw Bad($"expected '{c}' at character {_position}");
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
        }

        private InvalidDataException Bad(string why) => new($"{describe}: the .npy header is not a NumPy dict literal: {why} (header {text.Trim()}).");
    }
}
