using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MlGan.Cli.Serving;

namespace MlGan.Cli.Tests.Serving;

/// <summary>What keeps a server standing: content type, quoted input, body size, concurrency, graceful shutdown.</summary>
[TestClass]
public sealed class ServerLimitsTests
{
    [TestMethod]
    [DataRow("text/plain")]
    [DataRow("application/x-www-form-urlencoded")]
    public async Task NonJsonContentType_Gives415(string contentType)
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp());
        var (code, json) = await server.PostJson("""{"count": 2}""", contentType);
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, code);
        StringAssert.Contains(json.GetProperty("error").GetString(), "application/json");
        StringAssert.Contains(json.GetProperty("error").GetString(), contentType);
    }

    [TestMethod]
    public async Task MissingContentType_Gives415()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp());
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"count": 2}"""));
        using var response = await server.Client.PostAsync(server.Url + "/generate", content);
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [TestMethod]
    public async Task HugeStringInput_IsQuotedShort()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { MaxCount = 4096 });
        string huge = new('7', 20_000);
        foreach (string body in new[] { $$"""{"count": "{{huge}}"}""", $$"""{"seed": "{{huge}}", "count": 1}""", $$"""{"{{huge}}": 1}""" })
        {
            var (code, json) = await server.PostJson(body);
            Assert.AreEqual(HttpStatusCode.BadRequest, code);
            string error = json.GetProperty("error").GetString()!;
            Assert.IsLessThan(InputExcerpt.MaxLength + 150, error.Length, error[..Math.Min(error.Length, 300)]);
            StringAssert.Contains(error, "characters)");
        }
    }

    [TestMethod]
    public void InputExcerpt_KeepsShortTextAndCutsLongText()
    {
        Assert.AreEqual("abc", InputExcerpt.Of("abc"));
        string cut = InputExcerpt.Of(new string('x', 250));
        StringAssert.StartsWith(cut, new string('x', InputExcerpt.MaxLength) + "… (250 characters)");
        // A surrogate pair straddling the cut is not split.
        string emoji = new string('a', InputExcerpt.MaxLength - 1) + "😀" + "tail";
        StringAssert.StartsWith(InputExcerpt.Of(emoji), new string('a', InputExcerpt.MaxLength - 1) + "…");
    }

    [TestMethod]
    public async Task BodyOverTheModelsLimit_Gives413_AndTheLargestValidBodyFits()
    {
        const int max = 64;
        await using var server = await RunningServer.StartAsync(TestModels.Conditional(), new() { MaxCount = max });
        long limit = RequestBodyLimit.For(TestModels.Latent, max);
        var metadata = JsonDocument.Parse(await server.Client.GetStringAsync(server.Url + "/metadata")).RootElement;
        Assert.AreEqual(limit, metadata.GetProperty("maxBodyBytes").GetInt64());

        // The longest round-trip text of a float32 in every cell, spaced out, with a label per row.
        string number = (-1.17549435E-38f).ToString("R", CultureInfo.InvariantCulture);
        string row = "[" + string.Join(", ", Enumerable.Repeat(number, TestModels.Latent)) + "]";
        string largest = $$"""{"latent": [{{string.Join(", ", Enumerable.Repeat(row, max))}}], "labels": [{{string.Join(", ", Enumerable.Repeat("2", max))}}]}""";
        Assert.IsLessThan(limit, Encoding.UTF8.GetByteCount(largest));
        Assert.AreEqual(HttpStatusCode.OK, (await server.PostJson(largest)).Status);

        string tooBig = """{"count": 1, "seed": 1}""" + new string(' ', (int)limit);
        var (code, json) = await server.PostJson(tooBig);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, code);
        StringAssert.Contains(json.GetProperty("error").GetString(), "too large");
    }

    [TestMethod]
    public void BodyLimit_GrowsWithCountAndLatent()
    {
        Assert.AreEqual(RequestBodyLimit.Base + 10 * (100L * RequestBodyLimit.CharactersPerNumber + 28), RequestBodyLimit.For(100, 10));
        Assert.IsGreaterThan(RequestBodyLimit.For(100, 10), RequestBodyLimit.For(100, 11));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => RequestBodyLimit.For(0, 10));
    }

    [TestMethod]
    public async Task Saturated_Gives503WithRetryAfter_ThenRecovers()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { MaxConcurrentRequests = 1, MaxQueuedRequests = 0 });
        var held = new HoldingBody("""{"count": 3, "seed": 1}""");
        var first = HoldingBody.Post(server.Client, server.Url, held);
        await held.Reading.WaitAsync(TimeSpan.FromSeconds(20)); // the first request holds the only slot

        using (var content = new StringContent("""{"count": 1}""", Encoding.UTF8, "application/json"))
        using (var busy = await server.Client.PostAsync(server.Url + "/generate", content))
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.AreEqual(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            StringAssert.Contains(JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), "busy");
        }
        using (var health = await server.Client.GetAsync(server.Url + "/health"))
            Assert.AreEqual(HttpStatusCode.OK, health.StatusCode, "only generation is limited");

        held.Release();
        using (var done = await first)
            Assert.AreEqual(HttpStatusCode.OK, done.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await server.PostJson("""{"count": 1}""")).Status);
    }

    [TestMethod]
    public async Task Queue_HoldsRequestsInsteadOfRejecting()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { MaxConcurrentRequests = 1, MaxQueuedRequests = 4 });
        var held = new HoldingBody("""{"count": 1}""");
        var first = HoldingBody.Post(server.Client, server.Url, held);
        await held.Reading.WaitAsync(TimeSpan.FromSeconds(20));
        var queued = Enumerable.Range(0, 4).Select(_ => server.PostJson("""{"count": 2}""")).ToArray();
        await Task.Delay(200);
        Assert.IsTrue(queued.All(q => !q.IsCompleted), "queued requests wait for the slot");
        held.Release();
        Assert.AreEqual(HttpStatusCode.OK, (await first).StatusCode);
        foreach (var q in queued) Assert.AreEqual(HttpStatusCode.OK, (await q).Status);
    }

    [TestMethod]
    public async Task Stop_DrainsTheInFlightRequest_AndRefusesNewConnections()
    {
        var server = await RunningServer.StartAsync(TestModels.Mlp());
        try
        {
            var held = new HoldingBody("""{"count": 4, "seed": 9}""");
            var inFlight = HoldingBody.Post(server.Client, server.Url, held);
            await held.Reading.WaitAsync(TimeSpan.FromSeconds(20));

            var stopping = server.App.StopAsync();
            await Task.Delay(300);
            Assert.IsFalse(stopping.IsCompleted, "stop waits for the request in flight");
            var port = new Uri(server.Url).Port;
            using (var probe = new TcpClient())
                await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port), "no new connections while draining");

            held.Release();
            using var response = await inFlight;
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            var samples = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("samples");
            Assert.AreEqual(4, samples.GetArrayLength());
            await stopping.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
