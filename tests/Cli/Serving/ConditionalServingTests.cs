using System.Net;
using System.Text.Json;

namespace MlGan.Cli.Tests.Serving;

/// <summary>POST /generate on a class-conditional generator: "labels" given, or balanced i mod C when omitted.</summary>
[TestClass]
public sealed class ConditionalServingTests
{
    private static RunningServer? _conditional, _plain;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        _conditional = await RunningServer.StartAsync(TestModels.Conditional(), new() { MaxCount = 16 });
        _plain = await RunningServer.StartAsync(TestModels.Mlp(), new() { MaxCount = 16 });
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        if (_conditional is not null) await _conditional.DisposeAsync();
        if (_plain is not null) await _plain.DisposeAsync();
    }

    private static float[][] Samples(JsonElement body) =>
        body.GetProperty("samples").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    private static long[] Labels(JsonElement body) => body.GetProperty("labels").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    [TestMethod]
    public async Task OmittedLabels_AreBalancedAndMatchTheForwardPass()
    {
        var (status, body) = await _conditional!.PostJson("""{"count": 7, "seed": 5}""");
        Assert.AreEqual(HttpStatusCode.OK, status);
        long[] labels = Labels(body);
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 0, 1, 2, 0 }, labels);
        var z = _conditional.Generator.SampleLatent(7, 5);
        var x = Samples(body);
        for (int n = 0; n < 7; n++)
            CollectionAssert.AreEqual(TestModels.ForwardConditional(z[n], labels[n]), x[n], new Tolerance(1e-5f));
    }

    [TestMethod]
    public async Task GivenLabels_PickTheClassOfEachSample()
    {
        var (status, body) = await _conditional!.PostJson("""{"latent": [[0.5, -1, 2], [0.5, -1, 2]], "labels": [2, 1]}""");
        Assert.AreEqual(HttpStatusCode.OK, status);
        CollectionAssert.AreEqual(new long[] { 2, 1 }, Labels(body));
        var x = Samples(body);
        CollectionAssert.AreEqual(TestModels.ForwardConditional([0.5f, -1f, 2f], 2), x[0], new Tolerance(1e-5f));
        CollectionAssert.AreEqual(TestModels.ForwardConditional([0.5f, -1f, 2f], 1), x[1], new Tolerance(1e-5f));
        CollectionAssert.AreNotEqual(x[0], x[1], "the label changes the sample");
    }

    [TestMethod]
    public async Task LabelsAlone_SetTheCount()
    {
        var (status, body) = await _conditional!.PostJson("""{"labels": [1, 1, 1], "seed": 2}""");
        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.HasCount(3, Samples(body));
    }

    [TestMethod]
    [DataRow("""{"count": 2, "labels": [0, 3]}""", 400, "labels[1] = 3 is outside the generator's classes [0, 3)")]
    [DataRow("""{"count": 2, "labels": [-1, 0]}""", 400, "labels[0] = -1")]
    [DataRow("""{"count": 3, "labels": [0, 1]}""", 400, "labels has 2 entries but 3 samples")]
    [DataRow("""{"count": 1, "labels": [0.5]}""", 400, "labels[0] must be an integer")]
    [DataRow("""{"count": 1, "labels": 1}""", 400, "labels must be an array")]
    [DataRow("""{"labels": []}""", 400, "labels must contain at least one")]
    [DataRow("""{"labels": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}""", 413, "labels has 17 entries")]
    public async Task BadLabels_Give4xxNamingLabels(string body, int status, string fragment)
    {
        var (code, json) = await _conditional!.PostJson(body);
        Assert.AreEqual(status, (int)code);
        StringAssert.Contains(json.GetProperty("error").GetString(), fragment);
    }

    [TestMethod]
    public async Task LabelsOnAnUnconditionalModel_Give400()
    {
        var (code, json) = await _plain!.PostJson("""{"count": 2, "labels": [0, 1]}""");
        Assert.AreEqual(HttpStatusCode.BadRequest, code);
        StringAssert.StartsWith(json.GetProperty("error").GetString(), "labels: this generator is not class-conditional");
        Assert.IsFalse((await _plain.PostJson("""{"count": 2}""")).Body.TryGetProperty("labels", out _), "no labels in an unconditional answer");
    }

    [TestMethod]
    public async Task Metadata_GivesTheClassCountAndLabelInput()
    {
        var m = JsonDocument.Parse(await _conditional!.Client.GetStringAsync(_conditional.Url + "/metadata")).RootElement;
        Assert.AreEqual(3, m.GetProperty("classCount").GetInt32());
        Assert.AreEqual("label", m.GetProperty("labelInput").GetString());
    }
}
