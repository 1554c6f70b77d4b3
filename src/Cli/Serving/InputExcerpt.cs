namespace MlGan.Cli.Serving;

/// <summary>
/// What of a client's input an error message may quote: at most <see cref="MaxLength"/> characters, so a 25 MB
/// string sent as <c>count</c> costs the error body a line, not 25 MB.
/// </summary>
public static class InputExcerpt
{
    /// <summary>Characters of input quoted at most.</summary>
    public const int MaxLength = 100;

    /// <summary><paramref name="text"/> whole when short; else its first characters, "…" and the full length.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxLength) return text;
        int cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return $"{text[..cut]}… ({text.Length:N0} characters)";
    }
}
