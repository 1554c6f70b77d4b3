using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MlGan.Cli.Serving;

/// <summary>
/// The server's key check: a request presents the key as <c>Authorization: Bearer KEY</c> or <c>X-API-Key: KEY</c>.
/// Both sides are hashed with SHA-256 and compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so the
/// time taken says nothing about how much of a guess was right, nor about the key's length.
/// </summary>
public sealed class ApiKeyCheck
{
    private readonly byte[] _digest;

    /// <summary>A check against <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">An empty or blank key.</exception>
    public ApiKeyCheck(string key)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("The API key (--api-key or MLGAN_API_KEY) must not be empty.", nameof(key));
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>True when <paramref name="candidate"/> is the key.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    /// <summary>True when the request carries the key in either header.</summary>
    public bool Admits(HttpRequest request)
    {
        string? bearer = request.Headers.Authorization.ToString() is { } a && a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? a[7..].Trim() : null;
        string? header = request.Headers.TryGetValue("X-API-Key", out var v) ? v.ToString() : null;
        // Evaluate both so the time does not depend on which header was used.
        bool viaBearer = Matches(bearer), viaHeader = Matches(header);
        return viaBearer | viaHeader;
    }
}
