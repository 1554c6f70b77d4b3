using System.Buffers.Binary;
using Google.Protobuf;

namespace MlGan.Trainers.Tests.Diagnostics;

/// <summary>An image of a TensorBoard summary value: Summary.Image {height = 1, width = 2, colorspace = 3, encoded_image_string = 4}.</summary>
internal sealed record EventImage(int Height, int Width, int Colorspace, byte[] Encoded);

/// <summary>One Summary.Value {tag = 1, simple_value = 2, image = 4}.</summary>
internal sealed record EventValue(string Tag, float? SimpleValue, EventImage? Image);

/// <summary>One Event {wall_time = 1, step = 2, file_version = 3, summary = 5 {repeated value = 1}}.</summary>
internal sealed record TensorBoardEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<EventValue> Values);

/// <summary>
/// An independent reader of TensorBoard event files, written from the format's definition rather than from the
/// writer: TFRecord framing (uint64 LE length, uint32 masked CRC-32C of the length bytes, the data, masked CRC-32C
/// of the data), both checksums verified, and each record decoded field by field with protobuf's wire format.
/// </summary>
internal static class TensorBoardEventReader
{
    /// <summary>The records of <paramref name="path"/>; throws <see cref="InvalidDataException"/> at a torn record or a bad checksum.</summary>
    public static List<TensorBoardEvent> Read(string path) => Read(File.ReadAllBytes(path));

    public static List<TensorBoardEvent> Read(byte[] file)
    {
        var events = new List<TensorBoardEvent>();
        int at = 0;
        while (at < file.Length)
        {
            if (file.Length - at < 12) throw new InvalidDataException($"Torn record header at byte {at}.");
            var lengthBytes = file.AsSpan(at, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8, 4));
            if (lengthCrc != Crc32C.Masked(lengthBytes)) throw new InvalidDataException($"Bad length checksum at byte {at}.");
            at += 12;
            if ((ulong)(file.Length - at) < length + 4) throw new InvalidDataException($"Torn record body at byte {at}.");
            var data = file.AsSpan(at, (int)length);
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + (int)length, 4));
            if (dataCrc != Crc32C.Masked(data)) throw new InvalidDataException($"Bad data checksum at byte {at}.");
            events.Add(ParseEvent(data.ToArray()));
            at += (int)length + 4;
        }
        return events;
    }

    private static TensorBoardEvent ParseEvent(byte[] bytes)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<EventValue>();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
            switch (tag)
            {
                case (1 << 3) | 1: wallTime = input.ReadDouble(); break;
                case (2 << 3) | 0: step = input.ReadInt64(); break;
                case (3 << 3) | 2: fileVersion = input.ReadString(); break;
                case (5 << 3) | 2: values.AddRange(ParseSummary(input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        return new TensorBoardEvent(wallTime, step, fileVersion, values);
    }

    private static List<EventValue> ParseSummary(byte[] bytes)
    {
        var values = new List<EventValue>();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
            if (tag == ((1 << 3) | 2)) values.Add(ParseValue(input.ReadBytes().ToByteArray()));
            else input.SkipLastField();
        return values;
    }

    private static EventValue ParseValue(byte[] bytes)
    {
        string name = "";
        float? simple = null;
        EventImage? image = null;
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
            switch (tag)
            {
                case (1 << 3) | 2: name = input.ReadString(); break;
                case (2 << 3) | 5: simple = input.ReadFloat(); break;
                case (4 << 3) | 2: image = ParseImage(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        return new EventValue(name, simple, image);
    }

    private static EventImage ParseImage(byte[] bytes)
    {
        int height = 0, width = 0, colorspace = 0;
        byte[] encoded = [];
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
            switch (tag)
            {
                case (1 << 3) | 0: height = input.ReadInt32(); break;
                case (2 << 3) | 0: width = input.ReadInt32(); break;
                case (3 << 3) | 0: colorspace = input.ReadInt32(); break;
                case (4 << 3) | 2: encoded = input.ReadBytes().ToByteArray(); break;
                default: input.SkipLastField(); break;
            }
        return new EventImage(height, width, colorspace, encoded);
    }
}

/// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit, and TFRecord's masking of it.</summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>TFRecord's mask: rotate right by 15 bits, add 0xA282EAD8.</summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Compute(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }
}
