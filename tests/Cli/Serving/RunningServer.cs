using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using MlGan.Cli.Serving;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Serving;

/// <summary>A real Kestrel server for one generator on a loopback port the OS picks, and a client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(OnnxGeneratorRunner generator, WebApplication app)
    {
        Generator = generator;
        App = app;
        Url = app.Urls.Single();
        // Expect: 100-continue makes the client send a body only once the endpoint starts reading it (HoldingBody).
        Client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public OnnxGeneratorRunner Generator { get; }

    public WebApplication App { get; }

    public string Url { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a server for <paramref name="model"/> with <paramref name="options"/> (its Urls replaced by 127.0.0.1:0).</summary>
    public static async Task<RunningServer> StartAsync(byte[] model, GeneratorServerOptions? options = null)
    {
        var generator = new OnnxGeneratorRunner(model);
        var o = options ?? new GeneratorServerOptions();
        var app = GeneratorServer.Build(generator, new GeneratorServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            MaxCount = o.MaxCount,
            MinimumLogLevel = o.MinimumLogLevel,
            MaxConcurrentRequests = o.MaxConcurrentRequests,
            MaxQueuedRequests = o.MaxQueuedRequests,
            ApiKey = o.ApiKey,
            ShutdownTimeout = o.ShutdownTimeout,
        });
        await app.StartAsync();
        return new RunningServer(generator, app);
    }

    /// <summary>POSTs <paramref name="body"/> (default as application/json, to /generate); the status and the parsed JSON answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostJson(string body, string contentType = "application/json", string path = "/generate")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await Client.PostAsync(Url + path, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType, text);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Generator.Dispose();
    }
}
