using System.Buffers.Binary;

namespace MlGan.Cli.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a valid input, the classic ways a file goes bad: bit flips, bytes set to boundary values,
/// big-endian and little-endian int32 fields overwritten with extremes (sizes, counts, lengths), chunks deleted,
/// duplicated or replaced by random bytes, truncation, and appended garbage. Same seed, same sequence.
/// </summary>
internal sealed class ByteMutator(byte[] original, int seed)
{
    private static readonly byte[] Boundary = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];
    private static readonly int[] Extremes = [0, -1, 1, int.MaxValue, int.MinValue, 0x7FFF_FFF0, 65536, 1 << 28];
    private readonly Random _random = new(seed);

    /// <summary>The next mutant: one to three mutations of the original.</summary>
    public byte[] Next()
    {
        var bytes = new List<byte>(original);
        int mutations = 1 + _random.Next(3);
        for (int m = 0; m < mutations; m++) Mutate(bytes);
        return [.. bytes];
    }

    private void Mutate(List<byte> b)
    {
        if (b.Count == 0)
        {
            b.Add((byte)_random.Next(256));
            return;
        }
        int at = _random.Next(b.Count);
        switch (_random.Next(9))
        {
            case 0:
                b[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                b[at] = Boundary[_random.Next(Boundary.Length)];
                break;
            case 2 or 3:
                if (b.Count >= 4)
                {
                    at = _random.Next(b.Count - 3);
                    Span<byte> field = stackalloc byte[4];
                    int value = Extremes[_random.Next(Extremes.Length)];
                    if (_random.Next(2) == 0) BinaryPrimitives.WriteInt32BigEndian(field, value);
                    else BinaryPrimitives.WriteInt32LittleEndian(field, value);
                    for (int i = 0; i < 4; i++) b[at + i] = field[i];
                }
                break;
            case 4:
                b.RemoveRange(at, Math.Min(b.Count - at, 1 + _random.Next(16)));
                break;
            case 5:
                int length = Math.Min(b.Count - at, 1 + _random.Next(32));
                b.InsertRange(at, b.GetRange(at, length));
                break;
            case 6:
                for (int i = at; i < Math.Min(b.Count, at + 8); i++) b[i] = (byte)_random.Next(256);
                break;
            case 7:
                b.RemoveRange(at, b.Count - at); // truncation
                break;
            default:
                b.AddRange(Enumerable.Range(0, 1 + _random.Next(16)).Select(_ => (byte)_random.Next(256)));
                break;
        }
    }
}
