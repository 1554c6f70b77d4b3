using System.Buffers.Binary;
using System.Text;

namespace MlGan.Evaluation.IO;

/// <summary>
/// One NumPy <c>.npy</c> array held as its header and raw data bytes, with the conversions MlGan needs
/// (to float64 in C order, to int64, to bytes) and a writer of format version 1.0.
/// </summary>
/// <remarks>
/// Format (numpy.lib.format): magic <c>\x93NUMPY</c>, major and minor version bytes, the header length
/// (uint16 little-endian in version 1, uint32 in versions 2 and 3), the header dict literal padded with
/// spaces and a newline so the data starts on a 64-byte boundary (Latin-1 in versions 1–2, UTF-8 in 3),
/// then the elements in the header's byte order and memory order.
/// </remarks>
internal sealed class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;

    private readonly byte[] _data;

    private NpyArray(NpyHeader header, byte[] data)
    {
        Header = header;
        _data = data;
    }

    /// <summary>The parsed header: dtype, memory order, shape.</summary>
    public NpyHeader Header { get; }

    /// <summary>The array's shape (empty for a scalar).</summary>
    public long[] Shape => Header.Shape;

    /// <summary>A float64 array of the given shape from C-order (row-major) values, stored little-endian.</summary>
    public static NpyArray FromFloat64(ReadOnlySpan<double> values, params long[] shape)
    {
        var header = new NpyHeader("<f8", false, shape);
        if (header.ElementCount != values.Length)
            throw new ArgumentException($"shape {header.ShapeText} holds {header.ElementCount} elements but {values.Length} values were given.", nameof(values));
        var data = new byte[8L * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), values[i]);
        return new NpyArray(header, data);
    }

    /// <summary>An int64 scalar (shape <c>()</c>), as <c>np.int64(value)</c> saves.</summary>
    public static NpyArray FromInt64Scalar(long value)
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(data, value);
        return new NpyArray(new NpyHeader("<i8", false, []), data);
    }

    /// <summary>A uint8 vector holding <paramref name="bytes"/>.</summary>
    public static NpyArray FromBytes(ReadOnlySpan<byte> bytes) =>
        new(new NpyHeader("|u1", false, [bytes.Length]), bytes.ToArray());

    /// <summary>
    /// Reads one array (format versions 1.0, 2.0 and 3.0); <paramref name="describe"/> names it in errors.
    /// Refuses arrays of more than <paramref name="maxElements"/> elements before allocating them.
    /// </summary>
    public static NpyArray Read(Stream stream, string describe, long maxElements)
    {
        InvalidDataException Bad(string why) => new($"{describe}: {why}");
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
            throw Bad("it ends inside the .npy magic/version prefix.");
        if (!prefix[..6].SequenceEqual(Magic)) throw Bad("it does not start with the .npy magic \"\\x93NUMPY\".");
        byte major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0) throw Bad($".npy format version {major}.{minor} is not one of 1.0, 2.0, 3.0.");

        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        if (stream.ReadAtLeast(lengthBytes, lengthBytes.Length, throwOnEndOfStream: false) < lengthBytes.Length)
            throw Bad("it ends inside the .npy header length.");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        // NumPy caps headers far below this; a huge value means a damaged length field.
        if (headerLength > 1 << 20) throw Bad($"the .npy header claims {headerLength} bytes (damaged length field).");
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
            throw Bad($"it ends inside the {headerLength}-byte .npy header (truncated).");
        string literal = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var header = NpyHeader.Parse(literal, describe);

        long count;
        try { count = header.ElementCount; }
        catch (OverflowException) { throw Bad($"shape {header.ShapeText} overflows an element count."); }
        if (count > maxElements) throw Bad($"shape {header.ShapeText} has {count} elements; at most {maxElements} are expected here.");
        long byteCount = count * header.ItemSize;
        if (byteCount > Array.MaxLength) throw Bad($"shape {header.ShapeText} needs {byteCount} bytes, more than one array can hold.");
        var data = new byte[byteCount];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw Bad($"shape {header.ShapeText} of '{header.Descriptor}' needs {byteCount} data bytes but only {read} follow the header (truncated).");
        return new NpyArray(header, data);
    }

    /// <summary>Writes the array in .npy format version 1.0 (the one NumPy writes whenever the header fits).</summary>
    public void WriteTo(Stream stream)
    {
        string literal = Header.ToDictLiteral();
        // magic(6) + version(2) + length(2) + literal + padding + '\n' must be a multiple of 64.
        int unpadded = Magic.Length + 2 + 2 + literal.Length + 1;
        int padding = (Alignment - unpadded % Alignment) % Alignment;
        var header = Encoding.Latin1.GetBytes(literal + new string(' ', padding) + "\n");
        if (header.Length > ushort.MaxValue) throw new InvalidOperationException($"shape {Header.ShapeText} makes a header too long for .npy version 1.0.");

        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(header);
        stream.Write(_data);
    }

    /// <summary>
    /// The elements as float64 in C (row-major) order, whatever the stored byte order, memory order and
    /// float width; <paramref name="describe"/> names the array when it is not floating point.
    /// </summary>
    public double[] ToFloat64(string describe)
    {
        if (Header.Kind != 'f') throw new InvalidDataException($"{describe}: dtype '{Header.Descriptor}' is not floating point.");
        int size = Header.ItemSize;
        bool little = Header.LittleEndian;
        var stored = new double[_data.Length / size];
        for (int i = 0; i < stored.Length; i++)
        {
            var bytes = _data.AsSpan(size * i, size);
            stored[i] = size == 8
                ? (little ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleBigEndian(bytes))
                : (little ? BinaryPrimitives.ReadSingleLittleEndian(bytes) : BinaryPrimitives.ReadSingleBigEndian(bytes));
        }
        return Header.FortranOrder ? FortranToC(stored, Shape) : stored;
    }

    /// <summary>The elements as int64 in C order.</summary>
    public long[] ToInt64(string describe)
    {
        if (Header.Kind != 'i' || Header.ItemSize != 8) throw new InvalidDataException($"{describe}: dtype '{Header.Descriptor}' is not int64.");
        var values = new long[_data.Length / 8];
        for (int i = 0; i < values.Length; i++)
        {
            var bytes = _data.AsSpan(8 * i, 8);
            values[i] = Header.LittleEndian ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : BinaryPrimitives.ReadInt64BigEndian(bytes);
        }
        return Header.FortranOrder ? FortranToC(values, Shape) : values;
    }

    /// <summary>The elements as bytes (dtype uint8).</summary>
    public byte[] ToBytes(string describe)
    {
        if (Header.Kind != 'u' || Header.ItemSize != 1) throw new InvalidDataException($"{describe}: dtype '{Header.Descriptor}' is not uint8.");
        return (byte[])_data.Clone();
    }

    // Fortran order varies the first index fastest; C order the last. Walk the C-order multi-index and
    // look each element up at its Fortran-order offset.
    private static T[] FortranToC<T>(T[] fortran, long[] shape)
    {
        if (shape.Length < 2) return fortran;
        var fortranStride = new long[shape.Length];
        long stride = 1;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            fortranStride[axis] = stride;
            stride *= shape[axis];
        }
        var c = new T[fortran.Length];
        var index = new long[shape.Length];
        for (long i = 0; i < c.LongLength; i++)
        {
            long offset = 0;
            for (int axis = 0; axis < shape.Length; axis++) offset += index[axis] * fortranStride[axis];
            c[i] = fortran[offset];
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis]) break;
                index[axis] = 0;
            }
        }
        return c;
    }
}
