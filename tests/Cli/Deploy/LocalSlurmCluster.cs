using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// A real single-node Slurm cluster (Debian's slurm-wlm + MUNGE) for the length of a test class: slurmctld and
/// slurmd run in the foreground (<c>-D</c>) as children of the test process, with their configuration, state,
/// spool and logs in a temporary directory; <c>/etc/slurm</c> is never touched. A MUNGE daemon already
/// answering on the default socket is used as is, otherwise one is started on a socket in that directory.
/// <see cref="Dispose"/> cancels the cluster's jobs, stops exactly the daemons it started (by pid) and deletes the
/// directory. Clients (sbatch, squeue, scontrol, scripts that call them) run with <c>SLURM_CONF</c> pointing at the
/// temporary configuration. Needs root (every daemon and job runs as root on this one node).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LocalSlurmCluster : IDisposable
{
    // rwxr-xr-x
    private const UnixFileMode RwxrXrX = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The Debian packages that provide the daemons and clients.</summary>
    public const string InstallCommand = "apt-get install -y slurm-wlm munge";

    private const string DefaultMungeSocket = "/run/munge/munge.socket.2";
    private const string MungeKey = "/etc/munge/munge.key";
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly string[] Prerequisites =
        ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/sinfo", "/usr/bin/scontrol",
         "/usr/bin/scancel", "/usr/sbin/munged", "/usr/bin/munge", MungeKey];

    // Job states after which a job never changes again (Slurm's "completed" class of states).
    private static readonly HashSet<string> FinalStates = new(StringComparer.Ordinal)
    {
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
    };

    private readonly List<DaemonProcess> _daemons = []; // in start order; stopped in reverse
    private readonly Dictionary<string, string?> _clientEnvironment;
    private bool _disposed;

    private LocalSlurmCluster(string root, string nodeName, string mungeSocket)
    {
        Root = root;
        NodeName = nodeName;
        MungeSocket = mungeSocket;
        ConfigFile = Path.Combine(root, "slurm.conf");
        LogDirectory = Path.Combine(root, "log");
        _clientEnvironment = ClientEnvironment(ConfigFile);
    }

    /// <summary>The temporary directory holding the configuration, state, spool, logs and <see cref="NewWorkDirectory"/> folders.</summary>
    public string Root { get; }

    /// <summary>The generated slurm.conf (what <c>SLURM_CONF</c> points at for every client this fixture runs).</summary>
    public string ConfigFile { get; }

    /// <summary>Where slurmctld.log and slurmd.log are written.</summary>
    public string LogDirectory { get; }

    /// <summary>The one compute node (this machine's short host name).</summary>
    public string NodeName { get; }

    /// <summary>The MUNGE socket the daemons authenticate through.</summary>
    public string MungeSocket { get; }

    /// <summary>Whether this fixture started its own munged (else it borrowed one already running).</summary>
    public bool StartedMunge { get; private set; }

    /// <summary>
    /// Starts munged (if none is running), slurmctld and slurmd, and waits until <c>sinfo</c> shows the node idle.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Not root or Slurm/MUNGE missing (the message says what to install), or the cluster did not come up within
    /// <paramref name="startupTimeout"/> (the message carries the daemons' logs).
    /// </exception>
    public static LocalSlurmCluster Start(TimeSpan? startupTimeout = null)
    {
        CheckPrerequisites();
        var deadline = DateTime.UtcNow + (startupTimeout ?? TimeSpan.FromSeconds(45));
        string root = Directory.CreateTempSubdirectory("mlgan-slurm-").FullName;
        // Daemons and job steps look up the socket and spool below here: let them traverse it.
        File.SetUnixFileMode(root, RwxrXrX);
        string node = Dns.GetHostName().Split('.')[0];
        bool borrowMunge = MungeAnswers(DefaultMungeSocket);
        var cluster = new LocalSlurmCluster(root, node, borrowMunge ? DefaultMungeSocket : Path.Combine(root, "munge", "munge.socket"));
        try
        {
            cluster.Boot(deadline, startMunge: !borrowMunge);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>A new empty folder under <see cref="Root"/> (deleted with the cluster), visible to jobs.</summary>
    public string NewWorkDirectory(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Directory.CreateDirectory(Path.Combine(Root, "work", $"{name}-{Guid.NewGuid():N}")).FullName;
    }

    /// <summary>
    /// Runs a client program (sbatch, a submit script, …) against this cluster: <c>SLURM_CONF</c> set, any
    /// inherited SLURM_*/SBATCH_* variables removed, then <paramref name="environment"/> applied on top.
    /// </summary>
    public ProcessResult RunClient(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var env = new Dictionary<string, string?>(_clientEnvironment, StringComparer.Ordinal);
        if (environment is not null)
            foreach (var (name, value) in environment) env[name] = value;
        return ProcessRunner.Run(fileName, arguments, timeout ?? ClientTimeout, env, workingDirectory ?? Root);
    }

    /// <summary>
    /// <c>sbatch --parsable ARGS</c>; jobs inherit the client environment plus <paramref name="environment"/>
    /// (sbatch's default <c>--export=ALL</c>). Returns the job id.
    /// </summary>
    /// <exception cref="InvalidOperationException">sbatch refused the job (its message is included).</exception>
    public string Submit(IEnumerable<string> sbatchArguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var result = RunClient("sbatch", ["--parsable", .. sbatchArguments], environment, workingDirectory);
        string id = result.Stdout.Trim().Split(';')[0]; // "id" or "id;cluster"
        if (result.ExitCode != 0 || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InvalidOperationException($"sbatch did not accept the job.\n{result.Describe()}");
        return id;
    }

    /// <summary>
    /// Polls <c>scontrol show job</c> (works without accounting) until the job, or every task of an array job,
    /// has reached a final state, or is pending on a dependency that can never be satisfied.
    /// </summary>
    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/>; the message shows the queue and logs.</exception>
    public SlurmJobOutcome WaitForJob(string jobId, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (true)
        {
            var show = RunClient("scontrol", ["show", "job", "--oneliner", jobId]);
            last = show.Describe();
            if (show.ExitCode == 0)
            {
                var records = show.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(ParseRecord).ToList();
                if (records.Count > 0 && records.All(r => FinalStates.Contains(r.GetValueOrDefault("JobState", "")) || r.GetValueOrDefault("Reason") == "DependencyNeverSatisfied"))
                    return Outcome(jobId, records);
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Slurm job {jobId} did not finish within {timeout.TotalSeconds:F0} s.\n{last}\n" +
                    $"--- squeue ---\n{RunClient("squeue", ["--all"]).Stdout}\n{Logs()}");
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>The daemons' log files and captured output, for failure messages.</summary>
    public string Logs()
    {
        var text = new StringBuilder();
        if (Directory.Exists(LogDirectory))
            foreach (string log in Directory.GetFiles(LogDirectory).Order(StringComparer.Ordinal))
                text.Append("--- ").Append(log).AppendLine(" (tail) ---").AppendLine(Tail(File.ReadAllText(log), 4000));
        foreach (var daemon in _daemons)
            text.Append("--- ").Append(daemon.Name).Append(" pid ").Append(daemon.Id)
                .AppendLine(daemon.HasExited ? " (exited) ---" : " (running) ---").AppendLine(Tail(daemon.Output, 4000));
        return text.ToString();
    }

    /// <summary>Cancels this cluster's jobs, stops the daemons it started (by pid, newest first) and deletes <see cref="Root"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            CancelAllJobs();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            // A controller that is already down has no jobs to cancel; the daemons are stopped below either way.
        }
        for (int i = _daemons.Count - 1; i >= 0; i--) _daemons[i].Dispose();
        _daemons.Clear();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"LocalSlurmCluster: could not delete {Root}: {ex.Message}");
        }
    }

    private static void CheckPrerequisites()
    {
        if (!OperatingSystem.IsLinux())
            throw new InvalidOperationException("LocalSlurmCluster runs Debian's Slurm daemons and needs Linux.");
        var missing = Prerequisites.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Slurm or MUNGE is not installed ({string.Join(", ", missing)} missing). Install them with `sudo {InstallCommand}` " +
                "(tests/run.sh does this on Debian 12).");
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException(
                $"LocalSlurmCluster must run as root (slurmd runs jobs as root on a one-node test cluster); this test runs as {Environment.UserName}. " +
                "Run the tests as root, e.g. `sudo tests/run.sh`.");
    }

    private void Boot(DateTime deadline, bool startMunge)
    {
        foreach (string dir in new[] { "state", "spool", "log" }) Directory.CreateDirectory(Path.Combine(Root, dir));
        if (startMunge) StartMunge(deadline);
        var (controllerPort, nodePort) = (FreeTcpPort(), FreeTcpPort());
        File.WriteAllText(Path.Combine(Root, "plugstack.conf"), ""); // no SPANK plugins from /etc/slurm
        File.WriteAllText(ConfigFile, Configuration(controllerPort, nodePort));

        _daemons.Add(DaemonProcess.Start("slurmctld", "/usr/sbin/slurmctld", ["-D", "-c", "-f", ConfigFile], _clientEnvironment, Root));
        _daemons.Add(DaemonProcess.Start("slurmd", "/usr/sbin/slurmd", ["-D", "-f", ConfigFile, "-N", NodeName], _clientEnvironment, Root));
        WaitUntil(deadline, "the node to become idle in sinfo", () =>
        {
            var sinfo = RunClient("sinfo", ["--noheader", "--Node", "--format=%T"]);
            return sinfo.ExitCode == 0 && sinfo.Stdout.Trim() == "idle";
        });
    }

    private void StartMunge(DateTime deadline)
    {
        string dir = Path.GetDirectoryName(MungeSocket)!;
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, RwxrXrX); // munged wants a socket directory others can traverse
        // --force: Debian's key is owned by the munge user, which munged (running as root here) calls insecure.
        _daemons.Add(DaemonProcess.Start("munged", "/usr/sbin/munged",
            ["--foreground", "--force", $"--socket={MungeSocket}", $"--key-file={MungeKey}", $"--pid-file={Path.Combine(dir, "munged.pid")}",
             $"--log-file={Path.Combine(LogDirectory, "munged.log")}", $"--seed-file={Path.Combine(dir, "munged.seed")}"], null, Root));
        StartedMunge = true;
        WaitUntil(deadline, $"munged to answer on {MungeSocket}", () => MungeAnswers(MungeSocket));
    }

    private string Configuration(int controllerPort, int nodePort)
    {
        string Dir(string name) => Path.Combine(Root, name);
        // config_overrides: the node offers what the configuration says even on a smaller runner, so the
        // scripts' own requests (cpus-per-task 2, mem 8G) are accepted; memory is not a consumable resource here.
        int cpus = Math.Max(Environment.ProcessorCount, 2);
        return $"""
            ClusterName=mlgantest
            SlurmctldHost={NodeName}(127.0.0.1)
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={MungeSocket}
            SlurmUser=root
            SlurmdUser=root
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            SchedulerType=sched/backfill
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            ReturnToService=2
            MinJobAge=600
            MailProg=/bin/true
            PlugStackConfig={Dir("plugstack.conf")}
            StateSaveLocation={Dir("state")}
            SlurmdSpoolDir={Dir("spool")}
            SlurmctldPidFile={Dir("slurmctld.pid")}
            SlurmdPidFile={Dir("slurmd.pid")}
            SlurmctldLogFile={Path.Combine(LogDirectory, "slurmctld.log")}
            SlurmdLogFile={Path.Combine(LogDirectory, "slurmd.log")}
            SlurmdParameters=config_overrides
            NodeName={NodeName} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory=16384 State=UNKNOWN
            PartitionName=debug Nodes={NodeName} Default=YES MaxTime=INFINITE State=UP

            """;
    }

    private void CancelAllJobs()
    {
        if (_daemons.All(d => d.Name != "slurmctld" || d.HasExited)) return;
        var queue = RunClient("squeue", ["--noheader", "--all", "--format=%A"], timeout: TimeSpan.FromSeconds(10));
        var ids = queue.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (ids.Count == 0) return;
        RunClient("scancel", ids, timeout: TimeSpan.FromSeconds(10));
        // Give slurmd time to end the job steps, so none outlives the daemons.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && RunClient("squeue", ["--noheader", "--all"], timeout: TimeSpan.FromSeconds(10)).Stdout.Trim().Length > 0)
            Thread.Sleep(PollInterval);
    }

    private void WaitUntil(DateTime deadline, string what, Func<bool> condition)
    {
        while (!condition())
        {
            var dead = _daemons.FirstOrDefault(d => d.HasExited);
            if (dead is not null)
                throw new InvalidOperationException($"LocalSlurmCluster: {dead.Name} exited while waiting for {what}.\n{Logs()}");
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"LocalSlurmCluster: timed out waiting for {what}.\n{Logs()}");
            Thread.Sleep(PollInterval);
        }
    }

    private static bool MungeAnswers(string socket) =>
        File.Exists("/usr/bin/munge") && ProcessRunner.Run("/usr/bin/munge", ["--no-input", $"--socket={socket}"], TimeSpan.FromSeconds(10)).ExitCode == 0;

    private static Dictionary<string, string?> ClientEnvironment(string configFile)
    {
        // A test run inside a Slurm allocation must not leak that allocation's settings into this cluster's clients.
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("SLURM_", StringComparison.Ordinal) || k.StartsWith("SBATCH_", StringComparison.Ordinal)
                     || k.StartsWith("SALLOC_", StringComparison.Ordinal) || k.StartsWith("SRUN_", StringComparison.Ordinal))
            .ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        env["SLURM_CONF"] = configFile;
        return env;
    }

    private static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Dictionary<string, string> ParseRecord(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = token.IndexOf('=');
            if (eq > 0) fields.TryAdd(token[..eq], token[(eq + 1)..]);
        }
        return fields;
    }

    private static SlurmJobOutcome Outcome(string jobId, List<Dictionary<string, string>> records)
    {
        var ordered = records.OrderBy(r => int.TryParse(r.GetValueOrDefault("ArrayTaskId"), CultureInfo.InvariantCulture, out int t) ? t : -1).ToList();
        var states = ordered.Select(r => r.GetValueOrDefault("JobState", "")).ToList();
        var first = ordered.FirstOrDefault(r => r.GetValueOrDefault("JobState") != "COMPLETED") ?? ordered[0];
        return new SlurmJobOutcome(jobId, first.GetValueOrDefault("JobState", ""), first.GetValueOrDefault("Reason", ""), first.GetValueOrDefault("ExitCode", ""), states);
    }

    private static string Tail(string text, int chars) => text.Length <= chars ? text : "…" + text[^chars..];
}
