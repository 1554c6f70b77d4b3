namespace MlGan.Cli.Serving;

/// <summary>
/// The largest <c>POST /generate</c> body a server accepts, derived from what the largest valid request can hold:
/// <c>maxCount</c> latent rows of <c>latentDimension</c> numbers and one label each. Anything bigger is 413 before
/// it is buffered, so a client cannot make the server hold tens of megabytes per request.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>Room for the braces, field names, count and seed of any body.</summary>
    public const long Base = 4096;

    /// <summary>Characters a JSON float may need with its separator ("-1.23456789E-05, " and a margin).</summary>
    public const int CharactersPerNumber = 32;

    /// <summary>Bytes for a server of <paramref name="maxCount"/> samples per request and latents of <paramref name="latentDimension"/>.</summary>
    public static long For(int latentDimension, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latentDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        // Each row: its numbers, its brackets, and one label (an integer with separator).
        long perRow = (long)latentDimension * CharactersPerNumber + 4 + 24;
        return Base + maxCount * perRow;
    }
}
