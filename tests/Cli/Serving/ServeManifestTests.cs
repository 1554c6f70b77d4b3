using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MlGan.Cli.Tests.Deploy;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests.Serving;

/// <summary>
/// deploy/k8s/serve.yaml without a cluster: its structure (parsed by Debian's python3-yaml), then its container run
/// here as the real `mlgan serve` with the Secret's key in the environment, probed the way the kubelet would.
/// </summary>
[TestClass]
public sealed class ServeManifestTests
{
    private static string ManifestPath => Path.Combine(DeployFiles.RepositoryRoot, "deploy", "k8s", "serve.yaml");

    [TestMethod]
    public void Manifest_IsADeploymentWithReadinessOnHealth_AndAServiceForIt()
    {
        var (deployment, service) = Documents();
        var pod = deployment["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]!.AsArray().Single()!;
        Assert.AreEqual("apps/v1", (string?)deployment["apiVersion"]);
        Assert.AreEqual("mlgan", (string?)container["command"]![0]);
        Assert.AreEqual("serve", (string?)container["args"]![0]);
        StringAssert.Contains((string?)container["image"], "your-org", "the image is a marked placeholder");

        Assert.AreEqual("/health", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        var port = container["ports"]!.AsArray().Single()!;
        Assert.AreEqual((string?)port["name"], (string?)container["readinessProbe"]!["httpGet"]!["port"]);
        Assert.AreEqual((int)port["containerPort"]!, new Uri(ValueOf(Args(container), "--urls")).Port, "the server listens on the declared port");

        // The Service selects the pods and targets the same port; the Deployment's selector matches its template.
        var podLabels = pod["metadata"]!["labels"]!.AsObject();
        foreach (var selector in new[] { service["spec"]!["selector"]!.AsObject(), deployment["spec"]!["selector"]!["matchLabels"]!.AsObject() })
            foreach (var (label, value) in selector)
                Assert.AreEqual((string?)value, (string?)podLabels[label], label);
        Assert.AreEqual((string?)port["name"], (string?)service["spec"]!["ports"]![0]!["targetPort"]);

        // The key comes from a Secret, and draining fits in the grace period.
        var key = container["env"]!.AsArray().Single(e => (string?)e!["name"] == Commands.ServeCommand.ApiKeyVariable)!;
        Assert.IsNotNull(key["valueFrom"]!["secretKeyRef"]);
        Assert.IsLessThan((double)(int)pod["spec"]!["terminationGracePeriodSeconds"]!, double.Parse(ValueOf(Args(container), "--shutdown-timeout"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task Container_RunsLocally_ReadyWithoutKey_GeneratesWithKey()
    {
        var (deployment, _) = Documents();
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        string models = Directory.CreateTempSubdirectory("mlgan-k8s-serve-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(models, "generator.onnx"), TestModels.Mlp());
            int port = LoopbackPort.Free();
            var args = Args(container).Select(a => a.Replace("/models/", models + "/", StringComparison.Ordinal)).ToList();
            string listen = ValueOf(args, "--urls");
            args[args.IndexOf(listen)] = new UriBuilder(listen) { Port = port }.Uri.ToString().TrimEnd('/');
            const string Key = "test-key-from-secret";
            using var daemon = DaemonProcess.Start("mlgan serve", MlGanTool.Command[0], [.. MlGanTool.Command.Skip(1), .. args],
                new Dictionary<string, string?> { [Commands.ServeCommand.ApiKeyVariable] = Key }, models);
            string url = $"http://127.0.0.1:{port}";
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpStatusCode? ready = null;
            while (ready != HttpStatusCode.OK)
            {
                Assert.IsFalse(daemon.HasExited, daemon.Output);
                Assert.IsLessThan(deadline, DateTime.UtcNow, "never ready:\n" + daemon.Output);
                try
                {
                    using var probe = await client.GetAsync(url + "/health"); // the kubelet sends no key
                    ready = probe.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            using (var anonymous = await client.PostAsync(url + "/generate", new StringContent("""{"count": 2}""", Encoding.UTF8, "application/json")))
                Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/generate") { Content = new StringContent("""{"count": 2}""", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-API-Key", Key);
            using (var keyed = await client.SendAsync(request))
                Assert.AreEqual(HttpStatusCode.OK, keyed.StatusCode, daemon.Output);

            daemon.Stop(TimeSpan.FromSeconds(25)); // SIGTERM, as the kubelet sends
            Assert.IsTrue(daemon.HasExited);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    private static (JsonNode Deployment, JsonNode Service) Documents()
    {
        const string toJson = "import json, sys, yaml; json.dump(list(yaml.safe_load_all(open(sys.argv[1]))), sys.stdout)";
        var parse = ProcessRunner.Run(DeployTestData.Python, ["-c", toJson, ManifestPath], TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, parse.ExitCode, $"parsing the manifest needs Debian's python3-yaml.\n{parse.Describe()}");
        var docs = JsonNode.Parse(parse.Stdout)!.AsArray().Where(d => d is not null).Select(d => d!).ToList();
        CollectionAssert.AreEqual(new[] { "Deployment", "Service" }, docs.Select(d => (string?)d["kind"]).ToArray());
        return (docs[0], docs[1]);
    }

    private static List<string> Args(JsonNode container) => container["args"]!.AsArray().Select(a => (string)a!).ToList();

    private static string ValueOf(List<string> args, string flag)
    {
        int at = args.IndexOf(flag);
        Assert.IsTrue(at >= 0 && at + 1 < args.Count, $"no {flag} VALUE in `{string.Join(' ', args)}`");
        return args[at + 1];
    }
}
