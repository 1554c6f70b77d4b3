namespace MlGan.Transforms.Data.Images;

/// <summary>
/// An 8-bit image, rows top to bottom, pixels interleaved (HWC): the value of channel c at (y, x) is
/// <c>Pixels[(y·Width + x)·Channels + c]</c>, so <c>Pixels.Length == Width·Height·Channels</c>.
/// <paramref name="Channels"/> is 1 (grey, L) or 3 (R, G, B).
/// </summary>
/// <param name="Width">Columns, ≥ 1.</param>
/// <param name="Height">Rows, ≥ 1.</param>
/// <param name="Channels">1 (grey) or 3 (RGB).</param>
/// <param name="Pixels">Width·Height·Channels bytes, HWC interleaved.</param>
public readonly record struct DecodedImage(int Width, int Height, int Channels, byte[] Pixels);
