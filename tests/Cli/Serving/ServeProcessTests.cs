using System.Net;
using System.Text;
using MlGan.Cli.Tests.Deploy;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests.Serving;

/// <summary>`mlgan serve` as its own process: what it logs per request, and that SIGTERM stops it cleanly.</summary>
[TestClass]
public sealed class ServeProcessTests
{
    private string _model = "";

    [TestInitialize]
    public void Init()
    {
        _model = Path.Combine(Path.GetTempPath(), $"mlgan-serve-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(_model, TestModels.Mlp());
    }

    [TestCleanup]
    public void Cleanup() => File.Delete(_model);

    [TestMethod]
    public async Task InformationLevel_LogsOneLinePerRequest_DefaultLogsNone()
    {
        string verbose = await ServeAndSend(["--log-level", "Information"], requests: 3);
        var lines = verbose.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var requestLines = lines.Where(l => l.Contains(" MlGan.Serving.Requests", StringComparison.Ordinal)).ToList();
        Assert.HasCount(5, requestLines, verbose); // the readiness poll's GET /health, 3 × POST /generate and the 415
        Assert.AreEqual(1, requestLines.Count(l => l.Contains("GET /health 200", StringComparison.Ordinal)), verbose);
        Assert.AreEqual(3, requestLines.Count(l => l.Contains("POST /generate 200", StringComparison.Ordinal) && l.Contains("2 samples", StringComparison.Ordinal)), verbose);
        Assert.AreEqual(1, requestLines.Count(l => l.Contains("POST /generate 415", StringComparison.Ordinal)), verbose);
        Assert.IsFalse(lines.Any(l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal)), "ASP.NET Core's own request lines stay off:\n" + verbose);
        Assert.IsFalse(lines.Any(l => l.Contains("Exception", StringComparison.Ordinal)), verbose);

        string quiet = await ServeAndSend([], requests: 3);
        Assert.IsFalse(quiet.Contains("MlGan.Serving.Requests", StringComparison.Ordinal), "default level Warning: no request lines:\n" + quiet);
    }

    /// <summary>Starts the server, sends <paramref name="requests"/> good requests and one text/plain one, SIGTERMs it; its output.</summary>
    private async Task<string> ServeAndSend(string[] extra, int requests)
    {
        int port = LoopbackPort.Free();
        string url = $"http://127.0.0.1:{port}";
        using var daemon = DaemonProcess.Start("mlgan serve", MlGanTool.Command[0], [.. MlGanTool.Command.Skip(1), "serve", _model, "--urls", url, .. extra], null, Path.GetTempPath());
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!daemon.Output.Contains("SIGTERM stops", StringComparison.Ordinal))
        {
            Assert.IsFalse(daemon.HasExited, daemon.Output);
            Assert.IsLessThan(deadline, DateTime.UtcNow, "server did not start:\n" + daemon.Output);
            await Task.Delay(100);
        }
        await WaitHealthy(client, url, deadline);
        for (int i = 0; i < requests; i++)
        {
            using var content = new StringContent("""{"count": 2}""", Encoding.UTF8, "application/json");
            using var ok = await client.PostAsync(url + "/generate", content);
            Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var plain = new StringContent("""{"count": 2}""", Encoding.UTF8, "text/plain"))
        using (var refused = await client.PostAsync(url + "/generate", plain))
            Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        await Task.Delay(200); // the console logger writes on its own thread
        daemon.Stop(TimeSpan.FromSeconds(20));
        Assert.IsTrue(daemon.HasExited);
        return daemon.Output;
    }

    private static async Task WaitHealthy(HttpClient client, string url, DateTime deadline)
    {
        while (true)
        {
            try
            {
                using var health = await client.GetAsync(url + "/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(100);
        }
    }
}
