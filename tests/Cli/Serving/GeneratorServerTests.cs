using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MlGan.Cli.Serving;
using MlGan.Transforms.Onnx;
using SkiaSharp;

namespace MlGan.Cli.Tests.Serving;

/// <summary>The HTTP server on a loopback port picked by the OS, driven by a real HttpClient.</summary>
[TestClass]
public sealed class GeneratorServerTests
{
    private const int MaxCount = 64;
    private static OnnxGeneratorRunner? _mlp, _image;
    private static WebApplication? _mlpApp, _imageApp;
    private static HttpClient? _client;
    private static string _mlpUrl = "", _imageUrl = "";

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        _mlp = new OnnxGeneratorRunner(TestModels.Mlp());
        _image = new OnnxGeneratorRunner(TestModels.Image());
        (_mlpApp, _mlpUrl) = await StartAsync(_mlp);
        (_imageApp, _imageUrl) = await StartAsync(_image);
        _client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
    }

    private static async Task<(WebApplication, string)> StartAsync(OnnxGeneratorRunner g)
    {
        var app = GeneratorServer.Build(g, new GeneratorServerOptions { Urls = ["http://127.0.0.1:0"], MaxCount = MaxCount, MinimumLogLevel = LogLevel.Warning });
        await app.StartAsync();
        string url = app.Urls.Single();
        Assert.DoesNotContain(":0", url.Replace("127.0.0.1", ""), "the OS-assigned port should be visible after start");
        return (app, url);
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        _client?.Dispose();
        foreach (var app in new[] { _mlpApp, _imageApp })
            if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
        _mlp?.Dispose();
        _image?.Dispose();
    }

    private static HttpClient Client => _client!;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostJson(string baseUrl, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(baseUrl + "/generate", content);
        string text = await response.Content.ReadAsStringAsync();
        StringAssert.StartsWith(response.Content.Headers.ContentType?.MediaType, "application/json", text);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static float[][] Samples(JsonElement body) =>
        body.GetProperty("samples").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    [TestMethod]
    public async Task Health_ReturnsOk()
    {
        using var response = await Client.GetAsync(_mlpUrl + "/health");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("ok", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task Metadata_DescribesModel()
    {
        var m = JsonDocument.Parse(await Client.GetStringAsync(_mlpUrl + "/metadata")).RootElement;
        Assert.AreEqual(3, m.GetProperty("latentDimension").GetInt32());
        Assert.AreEqual("uniform", m.GetProperty("latentDistribution").GetString());
        Assert.AreEqual(2, m.GetProperty("sampleShape")[0].GetInt32());
        Assert.AreEqual("N", m.GetProperty("input").GetProperty("shape")[0].GetString());
        Assert.AreEqual(3, m.GetProperty("input").GetProperty("shape")[1].GetInt32());
        Assert.AreEqual("x", m.GetProperty("output").GetProperty("name").GetString());
        Assert.AreEqual(MaxCount, m.GetProperty("maxCount").GetInt32());
        Assert.AreEqual("wasserstein", m.GetProperty("metadata").GetProperty("mlgan.loss_family").GetString());
        Assert.AreEqual(-1f, m.GetProperty("valueRange")[0].GetSingle());
    }

    [TestMethod]
    public async Task Generate_Seeded_IsReproducibleAndMatchesLatentSampler()
    {
        var (s1, b1) = await PostJson(_mlpUrl, """{"count": 5, "seed": 11}""");
        var (s2, b2) = await PostJson(_mlpUrl, """{"count": 5, "seed": 11}""");
        var (s3, b3) = await PostJson(_mlpUrl, """{"count": 5, "seed": 12}""");
        Assert.AreEqual(HttpStatusCode.OK, s1);
        Assert.AreEqual(HttpStatusCode.OK, s2);
        Assert.AreEqual(HttpStatusCode.OK, s3);
        var x1 = Samples(b1);
        Assert.HasCount(5, x1);
        Assert.AreEqual(11, b1.GetProperty("seed").GetInt32());
        CollectionAssert.AreEqual(x1.SelectMany(r => r).ToArray(), Samples(b2).SelectMany(r => r).ToArray());
        CollectionAssert.AreNotEqual(x1.SelectMany(r => r).ToArray(), Samples(b3).SelectMany(r => r).ToArray());
        var z = _mlp!.SampleLatent(5, 11);
        for (int n = 0; n < 5; n++)
            CollectionAssert.AreEqual(TestModels.Forward(z[n]), x1[n], new Tolerance(1e-5f));
    }

    [TestMethod]
    public async Task Generate_ExplicitLatent_MatchesForwardPass()
    {
        var (status, body) = await PostJson(_mlpUrl, """{"latent": [[0.5, -1, 2], [0, 0, 0]]}""");
        Assert.AreEqual(HttpStatusCode.OK, status);
        var x = Samples(body);
        CollectionAssert.AreEqual(TestModels.Forward([0.5f, -1f, 2f]), x[0], new Tolerance(1e-5f));
        CollectionAssert.AreEqual(TestModels.Forward([0f, 0f, 0f]), x[1], new Tolerance(1e-5f));
        Assert.IsFalse(body.TryGetProperty("seed", out _), "no seed when latents are given");
    }

    [TestMethod]
    [DataRow("{\"count\": 3", 400, "not valid JSON")]
    [DataRow("", 400, "not valid JSON")]
    [DataRow("[1, 2]", 400, "JSON object")]
    [DataRow("{\"count\": -4}", 400, "≥ 1")]
    [DataRow("{\"count\": 0}", 400, "≥ 1")]
    [DataRow("{\"count\": 2.5}", 400, "integer")]
    [DataRow("{\"count\": \"ten\"}", 400, "integer")]
    [DataRow("{\"seed\": 3}", 400, "count is required")]
    [DataRow("{\"count\": 65}", 413, "limit of 64")]
    [DataRow("{\"count\": 99999999999999}", 413, "limit of 64")]
    [DataRow("{\"latent\": [[1, 2]]}", 400, "length 2; the model expects rows of length 3")]
    [DataRow("{\"latent\": [[1, 2, \"a\"]]}", 400, "latent[0][2]")]
    [DataRow("{\"latent\": []}", 400, "at least one row")]
    [DataRow("{\"count\": 2, \"latent\": [[1, 2, 3]]}", 400, "disagrees")]
    [DataRow("{\"latent\": [[1, 2, 3]], \"seed\": 1}", 400, "not both")]
    [DataRow("{\"cont\": 2}", 400, "Unknown field 'cont'")]
    public async Task Generate_BadRequests_GiveClearJsonErrors(string body, int status, string fragment)
    {
        var (code, json) = await PostJson(_mlpUrl, body);
        Assert.AreEqual(status, (int)code);
        Assert.AreEqual(status, json.GetProperty("status").GetInt32());
        StringAssert.Contains(json.GetProperty("error").GetString(), fragment);
    }

    [TestMethod]
    public async Task Generate_OversizedLatent_Gives413()
    {
        string rows = string.Join(",", Enumerable.Repeat("[0,0,0]", MaxCount + 1));
        var (code, json) = await PostJson(_mlpUrl, $"{{\"latent\": [{rows}]}}");
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, code);
        StringAssert.Contains(json.GetProperty("error").GetString(), "65 rows");
    }

    [TestMethod]
    public async Task Generate_AtTheLimit_Succeeds()
    {
        var (code, json) = await PostJson(_mlpUrl, $"{{\"count\": {MaxCount}}}");
        Assert.AreEqual(HttpStatusCode.OK, code);
        Assert.HasCount(MaxCount, Samples(json));
    }

    [TestMethod]
    public async Task Generate_Png_ForImageModel_IsAGridOfTheSamples()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _imageUrl + "/generate")
        {
            Content = new StringContent("""{"count": 5, "seed": 3}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
        using var response = await Client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        // 5 samples → 3 columns × 2 rows of 4×4 tiles with 2-pixel gutters.
        Assert.AreEqual(3 * 4 + 4 * 2, bitmap.Width);
        Assert.AreEqual(2 * 4 + 3 * 2, bitmap.Height);
        // The first sample's pixel (0,0) is sigmoid output in [0,1] mapped to 0..255 by value_range "0,1".
        var x = _image!.Generate(_image.SampleLatent(5, 3));
        byte expected = (byte)Math.Round(x[0][0] * 255);
        Assert.AreEqual(expected, bitmap.GetPixel(2, 2).Red, 1.0);
        // Sample 4 (second row, second column), pixel (3, 1): x = 2 + 6 + 3, y = 2 + 6 + 1.
        Assert.AreEqual((byte)Math.Round(x[4][1 * 4 + 3] * 255), bitmap.GetPixel(11, 9).Green, 1.0);
        Assert.AreEqual(0, bitmap.GetPixel(0, 0).Red, "gutter");
    }

    [TestMethod]
    public async Task Generate_Png_ForVectorModel_Gives406()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _mlpUrl + "/generate")
        {
            Content = new StringContent("""{"count": 2}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
        using var response = await Client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.NotAcceptable, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "[C, H, W]");
    }

    [TestMethod]
    public async Task Generate_Json_ForImageModel_ReportsSampleShape()
    {
        var (code, json) = await PostJson(_imageUrl, """{"count": 2}""");
        Assert.AreEqual(HttpStatusCode.OK, code);
        CollectionAssert.AreEqual(new[] { 1, 4, 4 }, json.GetProperty("sampleShape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.HasCount(16, Samples(json)[0]);
    }

    [TestMethod]
    public async Task UnknownRouteAndWrongMethod_AreRejected()
    {
        using var r1 = await Client.GetAsync(_mlpUrl + "/nope");
        Assert.AreEqual(HttpStatusCode.NotFound, r1.StatusCode);
        using var r2 = await Client.GetAsync(_mlpUrl + "/generate");
        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, r2.StatusCode);
    }

    [TestMethod]
    public async Task ConcurrentRequests_ShareOneSessionCorrectly()
    {
        var tasks = Enumerable.Range(0, 16).Select(i => PostJson(_mlpUrl, $"{{\"count\": 4, \"seed\": {i % 4}}}")).ToArray();
        var results = await Task.WhenAll(tasks);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, results[i].Status);
            CollectionAssert.AreEqual(Samples(results[i % 4].Body).SelectMany(r => r).ToArray(), Samples(results[i].Body).SelectMany(r => r).ToArray());
        }
    }
}

/// <summary>Element-wise float comparison for CollectionAssert.</summary>
internal sealed class Tolerance(float tol) : System.Collections.IComparer
{
    public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tol ? 0 : 1;
}
