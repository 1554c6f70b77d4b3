using MlGan.Transforms.Training;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlGan.Trainers.Diagnostics;

namespace MlGan.Trainers;

/// <summary>Settings of the one training loop shared by every MlGan trainer.</summary>
public sealed class TrainingLoopSettings
{
    /// <summary>Number of steps, ≥ 1. Default 1000.</summary>
    public int Steps { get; init; } = 1000;
    /// <summary>Log (and report progress) every this many steps, ≥ 1; the last step is always logged. Default 50.</summary>
    public int LogEvery { get; init; } = 50;
    /// <summary>Receives every logged step (synchronously, on the training thread); null (default): none.</summary>
    public IProgress<TrainingStep>? Progress { get; init; }
    /// <summary>Stops training between two steps (with <see cref="OperationCanceledException"/>); default: none.</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>Diagnostics that see every step's values; their warnings go to ml.Log (and to <see cref="Warnings"/>). Default empty.</summary>
    public IReadOnlyList<ITrainingMonitor> Monitors { get; init; } = [];
    /// <summary>Collects the monitors' warnings as "step N: …" lines (the training result reports them); null (default): ml.Log only.</summary>
    public ICollection<string>? Warnings { get; init; }
    /// <summary>First step to run (a resumed run continues where its checkpoint stopped); 0 ≤ StartStep ≤ Steps. Default 0.</summary>
    public int StartStep { get; init; }
    /// <summary>The log to continue (a resumed run's earlier rows), with the stepper's columns; null (default): a new log.</summary>
    public TrainingLog? Log { get; init; }
    /// <summary>Call <see cref="Checkpoint"/> after every this many completed steps, ≥ 0; 0 (default): never.</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>Writes a checkpoint: receives the number of completed steps and the log so far. Default null: none.</summary>
    public Action<int, TrainingLog>? Checkpoint { get; init; }
    /// <summary>Also call <see cref="Checkpoint"/> after a step when this returns true for it (e.g. a new best evaluation). Default null: never.</summary>
    public Func<int, bool>? CheckpointAlso { get; init; }
    /// <summary>
    /// Wall-clock budget of this call: the first step that starts after it has passed is the last one (logged, like the last
    /// of <see cref="Steps"/>), and the loop returns normally. Null (default): none.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }
}

/// <summary>
/// The one loop all MlGan trainers run: steps, logging to a DataFrame-backed <see cref="TrainingLog"/>,
/// progress through ml.Log and <see cref="IProgress{T}"/>, divergence checks and cancellation — both a
/// <see cref="CancellationToken"/> and ML.NET's own cancellation flag of the MLContext.
/// </summary>
public static class GanTrainingLoop
{
    /// <summary>Runs <paramref name="stepper"/> from <c>settings.StartStep</c> to <c>settings.Steps</c> and returns the log.</summary>
    public static TrainingLog Run(MLContext ml, string trainerName, IGanStepper stepper, TrainingLoopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(stepper);
        MlGan.Transforms.Guard.Positive(settings.Steps, nameof(settings.Steps));
        MlGan.Transforms.Guard.Positive(settings.LogEvery, nameof(settings.LogEvery));
        MlGan.Transforms.Guard.InRange(settings.StartStep, 0, settings.Steps, nameof(settings.StartStep));
        MlGan.Transforms.Guard.AtLeast(settings.CheckpointEvery, 0, nameof(settings.CheckpointEvery));
        var host = ((IHostEnvironment)ml).Register("MlGan." + trainerName);
        var log = settings.Log ?? new TrainingLog(stepper.Quantities);
        if (!log.Quantities.SequenceEqual(stepper.Quantities))
            throw new ArgumentException($"The log to continue has columns ({string.Join(", ", log.Quantities)}) but the stepper reports ({string.Join(", ", stepper.Quantities)}).", nameof(settings));
        var clock = Stopwatch.StartNew();
        using var channel = host.Start("Training");
        channel.Info(MessageSensitivity.None, (settings.StartStep == 0 ? $"{trainerName}: training for {settings.Steps} steps"
            : $"{trainerName}: resuming at step {settings.StartStep} of {settings.Steps}") + $"; oneDNN {MlGan.Transforms.Native.OneDnn.Summary}.");
        for (int step = settings.StartStep; step < settings.Steps; step++)
        {
            ThrowIfCanceled(host, settings.CancellationToken, step);
            bool outOfTime = settings.TimeLimit is { } limit && clock.Elapsed >= limit;
            bool logged = step % settings.LogEvery == 0 || step == settings.Steps - 1 || outOfTime || stepper.MustLog(step);
            var values = stepper.Step(step, logged);
            DivergenceDetector.Check(step, stepper.Quantities, values);
            foreach (var monitor in settings.Monitors)
                if (monitor.Observe(step, stepper.Quantities, values) is { } warning)
                {
                    channel.Warning(MessageSensitivity.None, $"{trainerName} step {step}: {warning}");
                    settings.Warnings?.Add($"step {step}: {warning}");
                }
            if (logged) Report(step, values);
            if ((settings.CheckpointEvery > 0 && (step + 1) % settings.CheckpointEvery == 0) || settings.CheckpointAlso?.Invoke(step) == true)
                settings.Checkpoint?.Invoke(step + 1, log);
            if ((stepper.StopRequested || outOfTime) && step < settings.Steps - 1)
            {
                channel.Info(MessageSensitivity.None, $"{trainerName}: stopped early after step {step} ({(outOfTime ? "the time limit passed" : "the stepper asked to stop")}).");
                break;
            }
        }
        return log;

        void Report(int step, double?[] values)
        {
            log.Append(step, values);
            var named = new Dictionary<string, double>();
            for (int i = 0; i < values.Length; i++)
                if (values[i] is { } v) named[stepper.Quantities[i]] = v;
            named["seconds"] = clock.Elapsed.TotalSeconds;
            channel.Info(MessageSensitivity.None, $"{trainerName} step {step}: " +
                string.Join(", ", named.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:G6}"))));
            settings.Progress?.Report(new TrainingStep(step, settings.Steps, named));
        }
    }

    private static void ThrowIfCanceled(IHost host, CancellationToken token, int step)
    {
        if (token.IsCancellationRequested || MlContextCancellation.IsCanceled(host))
            throw new OperationCanceledException($"Training was canceled before step {step}.", token);
    }
}

/// <summary>
/// Reads ML.NET's cancellation flag (set by MLContext.CancelExecution, an internal method reachable via
/// Microsoft.ML.Experimental). The flag is a public property (IsCanceled) of the host's non-public class,
/// so it is read by reflection; if a future ML.NET renames it, this reports "not canceled" and the
/// CancellationToken route keeps working.
/// </summary>
internal static class MlContextCancellation
{
    public static bool IsCanceled(IHost host) =>
        host.GetType().GetProperty("IsCanceled")?.GetValue(host) is true;
}
