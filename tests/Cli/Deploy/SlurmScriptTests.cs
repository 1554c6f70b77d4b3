using System.Runtime.Versioning;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// The Slurm scripts' own logic, run directly with bash and the variables Slurm would set, no scheduler: a
/// stand-in MLGAN (<c>printf '%s\n'</c>) prints the argv each script would give the tool, one argument a line.
/// </summary>
[SupportedOSPlatform("linux")]
[TestClass]
public sealed class SlurmScriptTests
{
    // rwxr-xr-x
    private const UnixFileMode RwxrXrX = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string EchoArgv = "printf %s\\n";
    private string _dir = "";

    [TestInitialize]
    public void Init() => _dir = Directory.CreateTempSubdirectory("mlgan-slurm-scripts-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Shard_RunsMlganOnTheShardOfItsArrayTask()
    {
        var result = Script("fid-stats.sbatch", new()
        {
            ["DATA"] = "/datasets/real images", // a space survives: DATA is passed quoted
            ["OUT_DIR"] = _dir,
            ["MLGAN"] = EchoArgv,
            ["STATS_ARGS"] = "--features net.onnx --preprocess pytorch-fid",
            ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = "2",
        });

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        CollectionAssert.AreEqual(
            new[] { "stats", "--data", "/datasets/real images", "--shard", "1/3", "--out", Path.Combine(_dir, "part-1.stats"),
                    "--features", "net.onnx", "--preprocess", "pytorch-fid" },
            Argv(result), result.Describe());
    }

    [TestMethod]
    public void Shard_WithoutDataOrOutDir_FailsNamingTheVariable()
    {
        var array = new Dictionary<string, string?> { ["MLGAN"] = EchoArgv, ["SLURM_ARRAY_TASK_ID"] = "0", ["SLURM_ARRAY_TASK_COUNT"] = "1" };

        var noData = Script("fid-stats.sbatch", new(array) { ["DATA"] = null, ["OUT_DIR"] = _dir });
        var noOut = Script("fid-stats.sbatch", new(array) { ["DATA"] = "csv:x.csv", ["OUT_DIR"] = null });

        Assert.AreNotEqual(0, noData.ExitCode);
        StringAssert.Contains(noData.Stderr, "set DATA");
        Assert.AreNotEqual(0, noOut.ExitCode);
        StringAssert.Contains(noOut.Stderr, "set OUT_DIR");
        Assert.IsFalse(noData.Stdout.Contains("--shard") || noOut.Stdout.Contains("--shard"), "mlgan must not run");
    }

    [TestMethod]
    public void Shard_OutsideAZeroBasedArray_Fails()
    {
        var common = new Dictionary<string, string?> { ["DATA"] = "csv:x.csv", ["OUT_DIR"] = _dir, ["MLGAN"] = EchoArgv };

        var notArray = Script("fid-stats.sbatch", new(common) { ["SLURM_ARRAY_TASK_ID"] = null, ["SLURM_ARRAY_TASK_COUNT"] = null });
        // --array=1-3: three tasks, but shard 3/3 does not exist and shard 0/3 would never run.
        var offset = Script("fid-stats.sbatch", new(common)
        {
            ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_MAX"] = "3",
        });

        Assert.AreEqual(2, notArray.ExitCode, notArray.Describe());
        StringAssert.Contains(notArray.Stderr, "not an array task");
        Assert.AreEqual(2, offset.ExitCode, offset.Describe());
        StringAssert.Contains(offset.Stderr, "must be 0-2");
    }

    [TestMethod]
    public void Shard_WithShardsSet_RerunsSomeShardsOfK()
    {
        // SHARDS=8 sbatch --array=3,5 …: task 5 is shard 5/8, not 5/2; a task id ≥ SHARDS is refused.
        var common = new Dictionary<string, string?> { ["DATA"] = "csv:x.csv", ["OUT_DIR"] = _dir, ["MLGAN"] = EchoArgv, ["SHARDS"] = "8" };
        var rerun = Script("fid-stats.sbatch", new(common)
        {
            ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_COUNT"] = "2", ["SLURM_ARRAY_TASK_MIN"] = "3", ["SLURM_ARRAY_TASK_MAX"] = "5",
        });
        var outside = Script("fid-stats.sbatch", new(common)
        {
            ["SHARDS"] = "4", ["SLURM_ARRAY_TASK_ID"] = "4", ["SLURM_ARRAY_TASK_COUNT"] = "5", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = "4",
        });

        Assert.AreEqual(0, rerun.ExitCode, rerun.Describe());
        Assert.AreEqual("5/8", Argv(rerun)[Argv(rerun).IndexOf("--shard") + 1]);
        Assert.AreEqual(2, outside.ExitCode, outside.Describe());
        StringAssert.Contains(outside.Stderr, "not a shard of SHARDS=4");
    }

    [TestMethod]
    public void Merge_NamesEveryPartInShardOrder()
    {
        // Eleven parts: a glob would sort part-10 before part-2; the script must list 0..10 numerically.
        for (int i = 0; i < 11; i++) File.WriteAllText(Path.Combine(_dir, $"part-{i}.stats"), "");

        var result = Script("fid-stats-merge.sbatch", new()
        {
            ["OUT_DIR"] = _dir, ["SHARDS"] = "11", ["MLGAN"] = EchoArgv, ["MERGED"] = "real.npz", ["MERGE_ARGS"] = "--format npz",
        });

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        var expected = new List<string> { "stats", "merge" };
        expected.AddRange(Enumerable.Range(0, 11).Select(i => Path.Combine(_dir, $"part-{i}.stats")));
        expected.AddRange(["--out", Path.Combine(_dir, "real.npz"), "--format", "npz"]);
        CollectionAssert.AreEqual(expected, Argv(result), result.Describe());
    }

    [TestMethod]
    public void Merge_WithAPartMissing_FailsWithoutMerging()
    {
        File.WriteAllText(Path.Combine(_dir, "part-0.stats"), "");
        File.WriteAllText(Path.Combine(_dir, "part-2.stats"), "");

        var result = Script("fid-stats-merge.sbatch", new() { ["OUT_DIR"] = _dir, ["SHARDS"] = "3", ["MLGAN"] = EchoArgv });

        Assert.AreEqual(1, result.ExitCode, result.Describe());
        StringAssert.Contains(result.Stderr, "1 of 3 part files are missing: " + Path.Combine(_dir, "part-1.stats"));
        Assert.DoesNotContain("merge", Argv(result), "mlgan must not run on fewer parts");
    }

    [TestMethod]
    public void Merge_RejectsABadShardCount()
    {
        var result = Script("fid-stats-merge.sbatch", new() { ["OUT_DIR"] = _dir, ["SHARDS"] = "three", ["MLGAN"] = EchoArgv });

        Assert.AreEqual(2, result.ExitCode, result.Describe());
        StringAssert.Contains(result.Stderr, "SHARDS must be a positive integer");
    }

    [TestMethod]
    public void Submit_RejectsABadShardCountOrMissingVariablesBeforeSubmitting()
    {
        // sbatch on PATH is a stand-in that leaves a mark: no case below may reach it.
        string bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName, mark = Path.Combine(_dir, "sbatch-called");
        File.WriteAllText(Path.Combine(bin, "sbatch"), $"#!/bin/sh\ntouch '{mark}'\necho 1\n");
        File.SetUnixFileMode(Path.Combine(bin, "sbatch"), RwxrXrX);
        var env = new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["DATA"] = "csv:x.csv", ["OUT_DIR"] = _dir };

        var zero = Script("submit.sh", env, "0");
        var word = Script("submit.sh", env, "three");
        var noData = Script("submit.sh", new(env) { ["DATA"] = null }, "3");

        Assert.AreEqual(2, zero.ExitCode, zero.Describe());
        StringAssert.Contains(zero.Stderr, "usage:");
        Assert.AreEqual(2, word.ExitCode, word.Describe());
        Assert.AreNotEqual(0, noData.ExitCode, noData.Describe());
        StringAssert.Contains(noData.Stderr, "set DATA");
        Assert.IsFalse(File.Exists(mark), "submit.sh called sbatch despite bad input");
    }

    private ProcessResult Script(string name, Dictionary<string, string?> environment, params string[] arguments)
    {
        // Slurm variables from a surrounding allocation must not leak into these runs.
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("SLURM_", StringComparison.Ordinal) || k is "DATA" or "OUT_DIR" or "MLGAN" or "SHARDS" or "STATS_ARGS" or "MERGE_ARGS" or "MERGED")
            .ToDictionary(k => k, _ => (string?)null);
        foreach (var (key, value) in environment) env[key] = value;
        return ProcessRunner.Run("/bin/bash", [DeployFiles.Slurm(name), .. arguments], Timeout, env, _dir);
    }

    // The stand-in's lines after the script's own "fid-stats…:" progress line.
    private static List<string> Argv(ProcessResult result) =>
        result.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("fid-stats", StringComparison.Ordinal)).ToList();
}
