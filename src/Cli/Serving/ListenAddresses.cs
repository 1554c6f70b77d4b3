using System.Net;

namespace MlGan.Cli.Serving;

/// <summary>Which listen URLs reach beyond this machine: those need an API key.</summary>
public static class ListenAddresses
{
    /// <summary>True when <paramref name="url"/> binds only a loopback address (127.0.0.0/8, ::1, localhost).</summary>
    /// <exception cref="ArgumentException">Not an http(s) URL.</exception>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Kestrel's wildcards ("*", "+") are not valid URI hosts; they bind every interface.
        string normalised = url.Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid");
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"--urls: '{InputExcerpt.Of(url)}' is not an http:// or https:// address.", nameof(url));
        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
