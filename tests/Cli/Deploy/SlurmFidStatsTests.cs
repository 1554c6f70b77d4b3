using System.Runtime.Versioning;
using MlGan.Evaluation;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// deploy/slurm on a real (single-node) Slurm cluster with the real `mlgan`: the array of shards, the dependent
/// merge, and the ways it must fail. Serial: the node has two CPUs and each shard asks for both.
/// </summary>
[SupportedOSPlatform("linux")]
[TestClass]
[DoNotParallelize]
public sealed class SlurmFidStatsTests
{
    private const int Rows = 125, Columns = 8, Shards = 3; // 125 = 41 + 42 + 42: uneven shards
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private static LocalSlurmCluster? _cluster;

    private static LocalSlurmCluster Cluster => _cluster ?? throw new InvalidOperationException("The Slurm cluster did not start.");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void StartCluster(TestContext _) => _cluster = LocalSlurmCluster.Start();

    [ClassCleanup]
    public static void StopCluster()
    {
        _cluster?.Dispose();
        _cluster = null;
    }

    [TestMethod]
    public void SubmitScript_ThreeShards_MergedStatisticsEqualOnePass()
    {
        string dir = Cluster.NewWorkDirectory("submit"), csv = Path.Combine(dir, "features.csv"), outDir = Path.Combine(dir, "stats");
        DeployTestData.WriteCsv(csv, Rows, Columns, seed: 11);
        string onePass = Path.Combine(dir, "one.stats");
        var reference = MlGanTool.Run(["stats", "--data", "csv:" + csv, "--out", onePass]);
        Assert.AreEqual(0, reference.ExitCode, reference.Describe());

        // What the README tells a user to type: DATA=… OUT_DIR=… MLGAN=… deploy/slurm/submit.sh 3
        var submit = Cluster.RunClient("/bin/bash", [DeployFiles.Slurm("submit.sh"), $"{Shards}"],
            new Dictionary<string, string?> { ["DATA"] = "csv:" + csv, ["OUT_DIR"] = outDir, ["MLGAN"] = MlGanTool.CommandLine }, dir);
        Assert.AreEqual(0, submit.ExitCode, submit.Describe());
        string shardJob = JobId(submit, "shard_job"), mergeJob = JobId(submit, "merge_job");

        var merge = Cluster.WaitForJob(mergeJob, JobTimeout);
        var shards = Cluster.WaitForJob(shardJob, JobTimeout);
        TestContext.WriteLine($"{shards}\n{merge}");
        Assert.IsTrue(shards.Succeeded, $"{shards}\n{Logs(outDir)}");
        CollectionAssert.AreEqual(Enumerable.Repeat("COMPLETED", Shards).ToList(), shards.TaskStates.ToList(), "one array task per shard");
        Assert.IsTrue(merge.Succeeded, $"{merge}\n{Logs(outDir)}");

        // Shard i of K holds rows [⌊iN/K⌋, ⌊(i+1)N/K⌋): the parts partition the data.
        for (int i = 0; i < Shards; i++)
            Assert.AreEqual((long)((i + 1) * Rows / Shards - i * Rows / Shards),
                FeatureStatistics.Load(Path.Combine(outDir, $"part-{i}.stats")).Count, $"rows in part {i}");
        StatisticsAssert.AreEqual(onePass, Path.Combine(outDir, "all.stats"), relative: 1e-9);
        // Each task logged to OUT_DIR under Slurm's %x-%A_%a pattern.
        for (int i = 0; i < Shards; i++)
            StringAssert.Contains(File.ReadAllText(Path.Combine(outDir, $"fid-stats-{shardJob}_{i}.out")), $"shard {i}/{Shards}");
    }

    [TestMethod]
    public void MergeJob_WithAPartMissing_FailsAndWritesNothing()
    {
        string dir = Cluster.NewWorkDirectory("missing"), csv = Path.Combine(dir, "features.csv");
        DeployTestData.WriteCsv(csv, Rows, Columns, seed: 12);
        // Real parts 0 and 2 (so merging what is there would succeed); part 1 never written.
        foreach (int i in new[] { 0, 2 })
        {
            var part = MlGanTool.Run(["stats", "--data", "csv:" + csv, "--shard", $"{i}/{Shards}", "--out", Path.Combine(dir, $"part-{i}.stats")]);
            Assert.AreEqual(0, part.ExitCode, part.Describe());
        }

        // As a user would resubmit the merge by hand: SHARDS=3 OUT_DIR=… sbatch deploy/slurm/fid-stats-merge.sbatch
        string job = Cluster.Submit([$"--output={dir}/%x-%j.out", DeployFiles.Slurm("fid-stats-merge.sbatch")],
            new Dictionary<string, string?> { ["OUT_DIR"] = dir, ["SHARDS"] = $"{Shards}", ["MLGAN"] = MlGanTool.CommandLine }, dir);
        var outcome = Cluster.WaitForJob(job, JobTimeout);

        Assert.AreEqual("FAILED", outcome.State, $"{outcome}\n{Logs(dir)}");
        Assert.AreEqual("1:0", outcome.ExitCode);
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, $"fid-stats-merge-{job}.out")), Path.Combine(dir, "part-1.stats"));
        Assert.IsFalse(File.Exists(Path.Combine(dir, "all.stats")), "no merged file from fewer shards");
    }

    [TestMethod]
    public void FailingShards_CancelTheMerge()
    {
        string dir = Cluster.NewWorkDirectory("failing"), outDir = Path.Combine(dir, "stats");

        var submit = Cluster.RunClient("/bin/bash", [DeployFiles.Slurm("submit.sh"), $"{Shards}"],
            new Dictionary<string, string?> { ["DATA"] = "csv:" + Path.Combine(dir, "no-such.csv"), ["OUT_DIR"] = outDir, ["MLGAN"] = MlGanTool.CommandLine }, dir);
        Assert.AreEqual(0, submit.ExitCode, submit.Describe());
        var shards = Cluster.WaitForJob(JobId(submit, "shard_job"), JobTimeout);
        var merge = Cluster.WaitForJob(JobId(submit, "merge_job"), JobTimeout);

        Assert.AreEqual("FAILED", shards.State, shards.ToString());
        // afterok can no longer be met; --kill-on-invalid-dep turns the merge from pending-forever into cancelled.
        Assert.AreEqual("CANCELLED", merge.State, merge.ToString());
        Assert.IsTrue(merge.NeverRuns, merge.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(outDir, "all.stats")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(outDir, $"fid-stats-{shards.JobId}_0.out")), "no-such.csv");
    }

    private static string JobId(ProcessResult submit, string key)
    {
        string? line = submit.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal));
        Assert.IsNotNull(line, $"submit.sh printed no {key}=ID line.\n{submit.Describe()}");
        return line[(key.Length + 1)..].Trim();
    }

    private static string Logs(string dir) =>
        string.Join('\n', Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.out").Order(StringComparer.Ordinal).Select(f => $"--- {f} ---\n{File.ReadAllText(f)}")
            : []) + "\n" + Cluster.Logs();
}
