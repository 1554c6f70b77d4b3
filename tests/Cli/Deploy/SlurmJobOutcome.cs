namespace MlGan.Cli.Tests.Deploy;

/// <summary>
/// How a Slurm job ended, as <c>scontrol show job</c> reports it. For a job array, <see cref="State"/> is
/// COMPLETED only when every task completed, else the state of the first task (by task id) that did not.
/// </summary>
/// <param name="JobId">The job (or array job) id that was waited for.</param>
/// <param name="State">Slurm's JobState: COMPLETED, FAILED, CANCELLED, TIMEOUT, … or PENDING for a job that can never start.</param>
/// <param name="Reason">Slurm's Reason field (e.g. NonZeroExitCode, DependencyNeverSatisfied).</param>
/// <param name="ExitCode">Slurm's ExitCode field, "status:signal".</param>
/// <param name="TaskStates">One state per job record (one per array task; one for a plain job).</param>
internal sealed record SlurmJobOutcome(string JobId, string State, string Reason, string ExitCode, IReadOnlyList<string> TaskStates)
{
    /// <summary>Every task completed with exit status 0.</summary>
    public bool Succeeded => State == "COMPLETED";

    /// <summary>The job is held by a dependency that can no longer be met: it will never run.</summary>
    public bool NeverRuns => Reason == "DependencyNeverSatisfied";

    /// <inheritdoc />
    public override string ToString() =>
        $"job {JobId}: {State} (reason {Reason}, exit {ExitCode}; tasks: {string.Join(", ", TaskStates)})";
}
