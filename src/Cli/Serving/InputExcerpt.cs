namespace MlGan.Cli.Serving;

/// <summary>
/// What of a client's input an error message may quote: at most <see cref="MaxLength"/> characters, so a 25 MB
/// string sent as <c>count</c> costs the error body a line, not 25 MB.
/// </summary>
public static class InputExcerpt
{
    /// <summary>Characters of input quoted at most.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The raw JSON of <paramref name="element"/>, excerpted. JsonDocument does not check the UTF-8 inside strings
    /// until they are read, so a string that is not UTF-8 is described instead of quoted.
    /// </summary>
    public static string Of(System.Text.Json.JsonElement element)
    {
        try
        {
            return Of(element.GetRawText());
        }
        catch (InvalidOperationException)
        {
            return "(text that is not valid UTF-8)";
        }
    }

    /// <summary>The name of <paramref name="property"/>, excerpted; described instead when it is not valid UTF-8.</summary>
    public static string NameOf(System.Text.Json.JsonProperty property)
    {
        try
        {
            return Of(property.Name);
        }
        catch (InvalidOperationException)
        {
            return "(a name that is not valid UTF-8)";
        }
    }

    /// <summary><paramref name="text"/> whole when short; else its first characters, "…" and the full length.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxLength) return text;
        int cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return $"{text[..cut]}… ({text.Length:N0} characters)";
    }
}
