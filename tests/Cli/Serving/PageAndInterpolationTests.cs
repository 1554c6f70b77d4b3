using System.Net;
using System.Text.Json;
using MlGan.Cli.Serving;
using MlGan.Transforms.Latent;

namespace MlGan.Cli.Tests.Serving;

/// <summary>GET / (the embedded page and its files) and POST /interpolate, over HTTP.</summary>
[TestClass]
public sealed class PageAndInterpolationTests
{
    private static float[][] Samples(JsonElement body) =>
        body.GetProperty("samples").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    [TestMethod]
    public async Task Page_IsServedFromTheAssembly_WithoutAKey()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { ApiKey = "k" });
        foreach (var (path, type, marker) in new[] { ("/", "text/html", "<canvas id=\"view\""), ("/page.js", "text/javascript", "fetch(path"), ("/page.css", "text/css", "canvas") })
        {
            using var response = await server.Client.GetAsync(server.Url + path);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
            Assert.AreEqual(type, response.Content.Headers.ContentType?.MediaType, path);
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), marker, path);
        }
        using var html = await server.Client.GetAsync(server.Url + "/");
        string text = await html.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", text, "no CDN: every file comes from this server");
        Assert.DoesNotContain("https://", text);
    }

    [TestMethod]
    public async Task Interpolate_RunsFromSeedAToSeedB()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp());
        var (status, body) = await server.PostJson("""{"from": 3, "to": 4, "steps": 5}""", path: "/interpolate");
        Assert.AreEqual(HttpStatusCode.OK, status);
        var x = Samples(body);
        Assert.HasCount(5, x);
        var a = Samples((await server.PostJson("""{"count": 1, "seed": 3}""")).Body)[0];
        var b = Samples((await server.PostJson("""{"count": 1, "seed": 4}""")).Body)[0];
        CollectionAssert.AreEqual(a, x[0], new Tolerance(1e-6f), "the path starts at seed 3's sample");
        CollectionAssert.AreEqual(b, x[4], new Tolerance(1e-6f), "and ends at seed 4's");
        // Uniform latents: the middle is the straight midpoint of the two codes.
        var za = server.Generator.SampleLatent(1, 3)[0];
        var zb = server.Generator.SampleLatent(1, 4)[0];
        CollectionAssert.AreEqual(TestModels.Forward(za.Zip(zb, (p, q) => (p + q) / 2).ToArray()), x[2], new Tolerance(1e-5f));
    }

    [TestMethod]
    public async Task Interpolate_ConditionalKeepsOneClass()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Conditional());
        var (status, body) = await server.PostJson("""{"from": 1, "to": 2, "steps": 3, "label": 2}""", path: "/interpolate");
        Assert.AreEqual(HttpStatusCode.OK, status);
        CollectionAssert.AreEqual(new long[] { 2, 2, 2 }, body.GetProperty("labels").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        var (_, defaulted) = await server.PostJson("""{"from": 1, "to": 2, "steps": 2}""", path: "/interpolate");
        CollectionAssert.AreEqual(new long[] { 0, 0 }, defaulted.GetProperty("labels").EnumerateArray().Select(e => e.GetInt64()).ToArray());
    }

    [TestMethod]
    [DataRow("""{"to": 2}""", 400, "from (a seed) is required")]
    [DataRow("""{"from": 1, "to": "x"}""", 400, "to must be an integer seed")]
    [DataRow("""{"from": 1, "to": 2, "steps": 1}""", 400, "steps must be ≥ 2")]
    [DataRow("""{"from": 1, "to": 2, "steps": 65}""", 413, "limit of 64")]
    [DataRow("""{"from": 1, "to": 2, "label": 0}""", 400, "label: this generator is not class-conditional")]
    [DataRow("""{"from": 1, "to": 2, "count": 3}""", 400, "Unknown field 'count'")]
    public async Task Interpolate_BadRequests(string body, int status, string fragment)
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { MaxCount = 64 });
        var (code, json) = await server.PostJson(body, path: "/interpolate");
        Assert.AreEqual(status, (int)code);
        StringAssert.Contains(json.GetProperty("error").GetString(), fragment);
    }

    [TestMethod]
    public void Slerp_KeepsGaussianCodesOnTheirSphere_LerpForUniform()
    {
        float[] a = [3f, 0f], b = [0f, 3f];
        var arc = LatentInterpolation.Between(a, b, 3, LatentDistribution.Gaussian);
        Assert.AreEqual(3.0, Math.Sqrt(arc[1][0] * arc[1][0] + arc[1][1] * arc[1][1]), 1e-5, "the midpoint keeps the norm");
        Assert.AreEqual(3 / Math.Sqrt(2), arc[1][0], 1e-5);
        var line = LatentInterpolation.Between(a, b, 3, LatentDistribution.Uniform);
        CollectionAssert.AreEqual(new[] { 1.5f, 1.5f }, line[1]);
        CollectionAssert.AreEqual(a, arc[0]);
        CollectionAssert.AreEqual(b, arc[2], new Tolerance(1e-6f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LatentInterpolation.Between(a, b, 1, LatentDistribution.Uniform));
    }
}
