using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlGan.Cli.Serving;

/// <summary>
/// The page for a person at <c>GET /</c>: three static files (Serving/Page/*) embedded in mlgan.dll, so the tool
/// needs no web root, CDN or build step. The page itself holds no data, so it needs no API key; it asks for one when
/// the API answers 401.
/// </summary>
public static class PageAssets
{
    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/page.js", "page.js", "text/javascript; charset=utf-8"),
        ("/page.css", "page.css", "text/css; charset=utf-8"),
    ];

    /// <summary>The routes the page is served from (open without a key).</summary>
    public static IReadOnlyList<string> Routes { get; } = Files.Select(f => f.Route).ToArray();

    /// <summary>Maps the page's routes; the files are read once, here.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (route, resource, contentType) in Files)
        {
            byte[] content = Read(resource);
            endpoints.MapGet(route, () => Results.Bytes(content, contentType));
        }
    }

    private static byte[] Read(string name)
    {
        var assembly = typeof(PageAssets).Assembly;
        string resource = $"MlGan.Cli.Serving.Page.{name}";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The page file '{resource}' is not embedded in {assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
