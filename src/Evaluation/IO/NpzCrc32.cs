namespace MlGan.Evaluation.IO;

/// <summary>
/// The CRC-32 of zip entries (IEEE 802.3 polynomial, reflected, initial and final XOR 0xFFFFFFFF).
/// </summary>
/// <remarks>
/// .NET 10's <see cref="System.IO.Compression.ZipArchive"/> does not check entry CRCs on read, so a flipped
/// byte inside a stored .npz entry would otherwise load silently.
/// </remarks>
internal static class NpzCrc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
