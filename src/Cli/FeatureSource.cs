using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Cli;

/// <summary>
/// Resolves a data specification to raw feature vectors: <c>csv:PATH</c> (see <see cref="CsvVectorReader"/>)
/// or <c>fashion-mnist</c>, <c>fashion-mnist:train</c>, <c>fashion-mnist:test</c> (784 pixels scaled to
/// [-1, 1], the range of a tanh generator, as <c>ml.Gan().Data.FashionMnist()</c> gives them).
/// </summary>
internal static class FeatureSource
{
    /// <summary>The accepted specifications, for help texts and error messages.</summary>
    public const string Syntax = "csv:PATH | fashion-mnist[:train|:test]";

    /// <summary>The rows <paramref name="spec"/> names; <paramref name="fashionMnistDirectory"/> overrides where the IDX files are (default: Debian's).</summary>
    public static float[][] Load(string spec, string? fashionMnistDirectory = null)
    {
        Guard.NotNull(spec, nameof(spec));
        if (spec.StartsWith("csv:", StringComparison.OrdinalIgnoreCase))
        {
            string path = spec["csv:".Length..];
            if (path.Length == 0) throw new ArgumentException($"'{spec}' names no file; expected {Syntax}.", nameof(spec));
            return CsvVectorReader.Read(path);
        }
        var split = spec.ToLowerInvariant() switch
        {
            "fashion-mnist" or "fashion-mnist:train" => FashionMnistSplit.Train,
            "fashion-mnist:test" => FashionMnistSplit.Test,
            _ => throw new ArgumentException($"Unknown data source '{spec}'; expected {Syntax}.", nameof(spec)),
        };
        return FashionMnist.Load(fashionMnistDirectory, split, PixelRange.MinusOneToOne).Images;
    }
}
