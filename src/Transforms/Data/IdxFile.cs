using System.Buffers.Binary;
using System.IO.Compression;

namespace MlGan.Transforms.Data;

/// <summary>
/// Reader for the IDX format of (Fashion-)MNIST: big-endian magic 0x0000_08_NN (unsigned bytes, NN
/// dimensions), NN big-endian int32 sizes, then the bytes. Gzipped files (.gz) are read transparently.
/// </summary>
public static class IdxFile
{
    /// <summary>Reads an unsigned-byte IDX file: its dimension sizes and its data.</summary>
    public static (int[] Shape, byte[] Data) Read(string path)
    {
        using var stream = OpenMaybeGzip(path);
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "magic number");
        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08 || header[3] is 0 or > 4)
            throw new InvalidDataException(
                $"'{path}' is not an unsigned-byte IDX file: wrong magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8} " +
                "(expected 0x00000801 for labels or 0x00000803 for images).");
        var shape = new int[header[3]];
        long total = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            ReadExactly(stream, header, path, $"size of dimension {d}");
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(header);
            if (shape[d] <= 0) throw new InvalidDataException($"'{path}' declares a non-positive size {shape[d]} for dimension {d}.");
            total *= shape[d]; // ≤ 2³¹ · 2³¹: checked below before the next factor, so it cannot wrap
            if (total > int.MaxValue)
                throw new InvalidDataException($"'{path}' declares more than {int.MaxValue} bytes of data (dimensions [{string.Join(", ", shape[..(d + 1)])}]), more than this reader supports.");
        }
        return (shape, ReadData(stream, (int)total, path, shape));
    }

    /// <summary>
    /// The <paramref name="total"/> data bytes, in a buffer that grows with the bytes actually read: a corrupt header
    /// declaring gigabytes costs an error, not a gigabyte allocation.
    /// </summary>
    private static byte[] ReadData(Stream stream, int total, string path, int[] shape)
    {
        const int FirstChunk = 1 << 20;
        var data = new byte[Math.Min(total, FirstChunk)];
        int read = 0;
        try
        {
            while (read < total)
            {
                if (read == data.Length) Array.Resize(ref data, (int)Math.Min(total, 2L * data.Length));
                int n = stream.Read(data, read, data.Length - read);
                if (n == 0) break;
                read += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}' is truncated or corrupt (gzip stream broke while reading the data).", ex);
        }
        if (read < total)
            throw new InvalidDataException($"'{path}' is truncated: it ended after {read} of the {total} data bytes for shape [{string.Join(", ", shape)}].");
        return data;
    }

    private static Stream OpenMaybeGzip(string path)
    {
        Stream file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int read = 0;
        try
        {
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer[read..]);
                if (n == 0) break;
                read += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}' is truncated or corrupt (gzip stream broke while reading the {what}).", ex);
        }
        if (read < buffer.Length)
            throw new InvalidDataException($"'{path}' is truncated: it ended after {read} of the {buffer.Length} bytes of the {what}.");
    }
}
