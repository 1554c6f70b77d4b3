using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MlGan.Cli.Serving;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Serving;

/// <summary>The API key: required off loopback, checked on every route but /health.</summary>
[TestClass]
public sealed class ApiKeyTests
{
    private const string Key = "s3cret-key";

    [TestMethod]
    public void Check_AcceptsOnlyTheKey()
    {
        var check = new ApiKeyCheck(Key);
        Assert.IsTrue(check.Matches(Key));
        Assert.IsFalse(check.Matches("s3cret-kez"));
        Assert.IsFalse(check.Matches("s3cret"));
        Assert.IsFalse(check.Matches(Key + "x"));
        Assert.IsFalse(check.Matches(""));
        Assert.IsFalse(check.Matches(null));
        Assert.ThrowsExactly<ArgumentException>(() => new ApiKeyCheck(" "));
    }

    [TestMethod]
    [DataRow("http://127.0.0.1:5005", true)]
    [DataRow("http://127.8.9.1:0", true)]
    [DataRow("http://localhost:5005", true)]
    [DataRow("http://[::1]:5005", true)]
    [DataRow("http://0.0.0.0:5005", false)]
    [DataRow("http://*:5005", false)]
    [DataRow("http://+:5005", false)]
    [DataRow("http://[::]:5005", false)]
    [DataRow("https://10.1.2.3:443", false)]
    [DataRow("http://example.org", false)]
    public void Loopback_IsTellable(string url, bool loopback) => Assert.AreEqual(loopback, ListenAddresses.IsLoopback(url));

    [TestMethod]
    public void NonLoopbackBind_WithoutKey_IsRefused()
    {
        using var generator = new OnnxGeneratorRunner(TestModels.Mlp());
        var ex = Assert.ThrowsExactly<ArgumentException>(() => GeneratorServer.Build(generator, new GeneratorServerOptions { Urls = ["http://0.0.0.0:0"] }));
        StringAssert.Contains(ex.Message, "http://0.0.0.0:0 is not a loopback address");
        StringAssert.Contains(ex.Message, "--api-key");
        StringAssert.Contains(ex.Message, "MLGAN_API_KEY");
        Assert.ThrowsExactly<ArgumentException>(() => GeneratorServer.Build(generator, new GeneratorServerOptions { Urls = ["ftp://127.0.0.1:21"] }));
    }

    [TestMethod]
    public async Task KeyedServer_AdmitsBearerAndHeader_RefusesOthers_LeavesHealthOpen()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { ApiKey = Key });

        async Task<HttpStatusCode> Send(HttpMethod method, string path, Action<HttpRequestHeaders>? auth)
        {
            using var request = new HttpRequestMessage(method, server.Url + path);
            if (method == HttpMethod.Post) request.Content = new StringContent("""{"count": 1}""", Encoding.UTF8, "application/json");
            auth?.Invoke(request.Headers);
            using var response = await server.Client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                Assert.AreEqual("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            return response.StatusCode;
        }

        Assert.AreEqual(HttpStatusCode.OK, await Send(HttpMethod.Post, "/generate", h => h.Authorization = new("Bearer", Key)));
        Assert.AreEqual(HttpStatusCode.OK, await Send(HttpMethod.Post, "/generate", h => h.Add("X-API-Key", Key)));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await Send(HttpMethod.Post, "/generate", null));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await Send(HttpMethod.Post, "/generate", h => h.Authorization = new("Bearer", "wrong")));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await Send(HttpMethod.Post, "/generate", h => h.Authorization = new("Basic", Key)));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/metadata", null));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/metrics", null));
        Assert.AreEqual(HttpStatusCode.OK, await Send(HttpMethod.Get, "/metrics", h => h.Add("X-API-Key", Key)));
        Assert.AreEqual(HttpStatusCode.OK, await Send(HttpMethod.Get, "/health", null), "the readiness probe needs no key");
    }
}
