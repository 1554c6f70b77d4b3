using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// deploy/k8s/fid-stats-job.yaml without a cluster: its structure (parsed by Debian's python3-yaml), and then its
/// containers' command lines run here as local processes with the real `mlgan` — JOB_COMPLETION_INDEX expanded as
/// the kubelet would for each index, mount paths mapped to temporary folders — merged and compared with one pass.
/// </summary>
[TestClass]
public sealed partial class KubernetesManifestTests
{
    private const string StatsClaim = "fid-stats";
    private string _dir = "";

    [TestInitialize]
    public void Init() => _dir = Directory.CreateTempSubdirectory("mlgan-k8s-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Manifest_IsAnIndexedShardJobAndAMergeJobSharingTheStatsClaim()
    {
        var (shards, merge) = Jobs();
        int k = (int)shards["spec"]!["completions"]!;

        Assert.AreEqual("Indexed", (string?)shards["spec"]!["completionMode"]);
        Assert.AreEqual(k, (int)shards["spec"]!["parallelism"]!, "all shards at once");
        Assert.IsGreaterThan(1, k);
        var shardArgs = Args(shards);
        Assert.AreEqual("stats", shardArgs[0]);
        Assert.AreEqual($"$(JOB_COMPLETION_INDEX)/{k}", ValueOf(shardArgs, "--shard"), "the shard count in the command must equal completions");
        Assert.IsNull((string?)merge["spec"]!["completionMode"], "the merge is one plain pod");
        Assert.AreEqual(1, (int)merge["spec"]!["completions"]!);
        foreach (var job in new[] { shards, merge })
        {
            Assert.AreEqual("batch/v1", (string?)job["apiVersion"]);
            Assert.AreEqual("Never", (string?)Pod(job)["restartPolicy"]);
            Assert.AreEqual("mlgan", (string?)Container(job)["command"]![0]);
            StringAssert.Contains((string?)Container(job)["image"], "your-org", "the image is a marked placeholder");
        }
        // README: `kubectl apply -f … -l app.kubernetes.io/component=shards|merge` selects each Job.
        Assert.AreEqual("shards", (string?)shards["metadata"]!["labels"]!["app.kubernetes.io/component"]);
        Assert.AreEqual("merge", (string?)merge["metadata"]!["labels"]!["app.kubernetes.io/component"]);

        // Both Jobs mount the same claim at the same place, writable.
        string statsMount = MountOfClaim(shards, StatsClaim);
        Assert.AreEqual(statsMount, MountOfClaim(merge, StatsClaim));
        foreach (var job in new[] { shards, merge })
            Assert.IsFalse((bool?)Container(job)["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == statsMount)!["readOnly"] ?? false);

        // Every absolute path in either command lies on a mounted volume.
        foreach (var job in new[] { shards, merge })
        {
            var mounts = Mounts(job).Keys.ToList();
            foreach (string path in Args(job).Where(a => a.StartsWith('/')))
                Assert.IsTrue(mounts.Any(m => path.StartsWith(m + "/", StringComparison.Ordinal)), $"{path} is on no volume of {Name(job)} ({string.Join(", ", mounts)})");
        }

        // The merge names exactly the K parts the shard pods write, in index order, and writes next to them.
        string outPattern = ValueOf(shardArgs, "--out");
        StringAssert.StartsWith(outPattern, statsMount + "/");
        var mergeArgs = Args(merge);
        Assert.AreEqual("stats merge", string.Join(' ', mergeArgs.Take(2)));
        var parts = mergeArgs.Skip(2).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, k).Select(i => outPattern.Replace("$(JOB_COMPLETION_INDEX)", $"{i}")).ToList(), parts);
        StringAssert.StartsWith(ValueOf(mergeArgs, "--out"), statsMount + "/");
    }

    [TestMethod]
    public void Manifest_CommandsRunLocally_MergeEqualsOnePass()
    {
        var (shards, merge) = Jobs();
        int k = (int)shards["spec"]!["completions"]!;
        // Each volume becomes a local folder; the data volume gets the images and the feature net the command names.
        var local = Mounts(shards).Concat(Mounts(merge)).DistinctBy(m => m.Key)
            .ToDictionary(m => m.Key, m => Directory.CreateDirectory(Path.Combine(_dir, m.Value)).FullName);
        var shardArgs = Args(shards);
        string images = Localize(ValueOf(shardArgs, "--data"), local);
        DeployTestData.WritePngFolder(images, count: 50, size: 16, seed: 3);
        DeployTestData.WriteFeatureNet(Localize(ValueOf(shardArgs, "--features"), local));

        for (int index = 0; index < k; index++)
            RunContainer(shards, index, local);
        RunContainer(merge, index: null, local);

        // One pass over everything: the shard command without --shard, to its own file.
        string onePass = Path.Combine(_dir, "one.stats");
        var oneArgs = Command(shards, index: 0, local).Skip(1).ToList();
        int shardAt = oneArgs.IndexOf("--shard");
        oneArgs.RemoveRange(shardAt, 2);
        oneArgs[oneArgs.IndexOf("--out") + 1] = onePass;
        var one = MlGanTool.Run(oneArgs);
        Assert.AreEqual(0, one.ExitCode, one.Describe());

        StatisticsAssert.AreEqual(onePass, Localize(ValueOf(Args(merge), "--out"), local), relative: 1e-9);
    }

    private static void RunContainer(JsonNode job, int? index, IReadOnlyDictionary<string, string> local)
    {
        var command = Command(job, index, local);
        Assert.AreEqual("mlgan", command[0]);
        var result = MlGanTool.Run(command.Skip(1));
        Assert.AreEqual(0, result.ExitCode, $"{Name(job)} index {index}: {result.Describe()}");
    }

    // command + args as the kubelet runs them: $(VAR) from the container's env plus JOB_COMPLETION_INDEX (which the
    // Job controller adds to every pod of an Indexed Job), then each mount path replaced by its local folder.
    private static List<string> Command(JsonNode job, int? index, IReadOnlyDictionary<string, string> local)
    {
        var container = Container(job);
        var env = (container["env"]?.AsArray() ?? []).Where(e => e!["value"] is not null)
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);
        if (index is int i) env["JOB_COMPLETION_INDEX"] = $"{i}";
        var argv = container["command"]!.AsArray().Concat(container["args"]?.AsArray() ?? []).Select(a => (string)a!).ToList();
        return argv.Select(a =>
        {
            string expanded = VariableReference().Replace(a, m => env.TryGetValue(m.Groups[1].Value, out string? v) ? v : m.Value);
            Assert.IsFalse(expanded.Contains("$("), $"'{a}' refers to a variable the pod does not define");
            return Localize(expanded, local);
        }).ToList();
    }

    private static string Localize(string path, IReadOnlyDictionary<string, string> local)
    {
        foreach (var (mount, dir) in local)
            if (path == mount || path.StartsWith(mount + "/", StringComparison.Ordinal))
                return dir + path[mount.Length..];
        return path;
    }

    private (JsonNode Shards, JsonNode Merge) Jobs()
    {
        const string toJson = "import json, sys, yaml; json.dump(list(yaml.safe_load_all(open(sys.argv[1]))), sys.stdout)";
        var parse = ProcessRunner.Run(DeployTestData.Python, ["-c", toJson, DeployFiles.KubernetesManifest], TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, parse.ExitCode, $"parsing the manifest needs Debian's python3-yaml.\n{parse.Describe()}");
        var docs = JsonNode.Parse(parse.Stdout)!.AsArray().Where(d => d is not null).Select(d => d!).ToList();
        CollectionAssert.AreEqual(new[] { "Job", "Job" }, docs.Select(d => (string?)d["kind"]).ToArray(), "two Jobs and nothing else");
        var shards = docs.Single(d => (string?)d["spec"]!["completionMode"] == "Indexed");
        return (shards, docs.Single(d => d != shards));
    }

    private static JsonNode Pod(JsonNode job) => job["spec"]!["template"]!["spec"]!;

    private static JsonNode Container(JsonNode job) => Pod(job)["containers"]!.AsArray().Single()!;

    private static string Name(JsonNode job) => (string)job["metadata"]!["name"]!;

    private static List<string> Args(JsonNode job) => Container(job)["args"]!.AsArray().Select(a => (string)a!).ToList();

    private static string ValueOf(List<string> args, string flag)
    {
        int at = args.IndexOf(flag);
        Assert.IsTrue(at >= 0 && at + 1 < args.Count, $"no {flag} VALUE in `{string.Join(' ', args)}`");
        return args[at + 1];
    }

    // mountPath → volume name, for the container's mounts.
    private static Dictionary<string, string> Mounts(JsonNode job) =>
        Container(job)["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["mountPath"]!, m => (string)m!["name"]!);

    private static string MountOfClaim(JsonNode job, string claim)
    {
        var volume = Pod(job)["volumes"]!.AsArray().SingleOrDefault(v => (string?)v!["persistentVolumeClaim"]?["claimName"] == claim);
        Assert.IsNotNull(volume, $"{Name(job)} has no volume from the PersistentVolumeClaim '{claim}'");
        return Mounts(job).Single(m => m.Value == (string)volume["name"]!).Key;
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();
}
