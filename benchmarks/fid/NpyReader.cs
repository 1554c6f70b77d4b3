using System.Text.RegularExpressions;

namespace MlGan.Benchmarks.Fid;

/// <summary>Just enough of the .npy format (v1/v2, little-endian float32, C order, 2-D) for the benchmark data.</summary>
internal static partial class NpyReader
{
    public static (float[] Data, int Rows, int Columns) ReadFloat32Matrix(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var magic = reader.ReadBytes(6);
        if (magic[0] != 0x93 || System.Text.Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY")
            throw new InvalidDataException($"'{path}' is not a .npy file.");
        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : (int)reader.ReadUInt32();
        string header = System.Text.Encoding.ASCII.GetString(reader.ReadBytes(headerLength));
        if (!header.Contains("'descr': '<f4'") || !header.Contains("'fortran_order': False"))
            throw new InvalidDataException($"'{path}' must hold little-endian float32 in C order; header: {header.Trim()}");
        var shape = ShapePattern().Match(header);
        if (!shape.Success) throw new InvalidDataException($"'{path}' is not a 2-D array; header: {header.Trim()}");
        int rows = int.Parse(shape.Groups[1].Value), columns = int.Parse(shape.Groups[2].Value);
        var data = new float[(long)rows * columns];
        stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        return (data, rows, columns);
    }

    [GeneratedRegex(@"'shape': \((\d+), (\d+)\)")]
    private static partial Regex ShapePattern();
}
