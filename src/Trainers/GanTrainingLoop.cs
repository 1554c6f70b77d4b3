using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlGan.Trainers.Diagnostics;

namespace MlGan.Trainers;

/// <summary>Settings of the one training loop shared by every MlGan trainer.</summary>
public sealed class TrainingLoopSettings
{
    /// <summary>Number of steps.</summary>
    public int Steps { get; init; } = 1000;
    /// <summary>Log (and report progress) every this many steps; the last step is always logged.</summary>
    public int LogEvery { get; init; } = 50;
    /// <summary>Receives every logged step.</summary>
    public IProgress<TrainingStep>? Progress { get; init; }
    /// <summary>Stops training between two steps (with <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>Diagnostics that see every step's values; their warnings go to ml.Log.</summary>
    public IReadOnlyList<ITrainingMonitor> Monitors { get; init; } = [];
}

/// <summary>
/// The one loop all MlGan trainers run: steps, logging to a DataFrame-backed <see cref="TrainingLog"/>,
/// progress through ml.Log and <see cref="IProgress{T}"/>, divergence checks and cancellation — both a
/// <see cref="CancellationToken"/> and ML.NET's own cancellation flag of the MLContext.
/// </summary>
public static class GanTrainingLoop
{
    public static TrainingLog Run(MLContext ml, string trainerName, IGanStepper stepper, TrainingLoopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(stepper);
        MlGan.Transforms.Guard.Positive(settings.Steps, nameof(settings.Steps));
        MlGan.Transforms.Guard.Positive(settings.LogEvery, nameof(settings.LogEvery));
        var host = ((IHostEnvironment)ml).Register("MlGan." + trainerName);
        var log = new TrainingLog(stepper.Quantities);
        var clock = Stopwatch.StartNew();
        using var channel = host.Start("Training");
        channel.Info(MessageSensitivity.None, $"{trainerName}: training for {settings.Steps} steps.");
        for (int step = 0; step < settings.Steps; step++)
        {
            ThrowIfCanceled(host, settings.CancellationToken, step);
            bool logged = step % settings.LogEvery == 0 || step == settings.Steps - 1;
            var values = stepper.Step(step, logged);
            DivergenceDetector.Check(step, stepper.Quantities, values);
            foreach (var monitor in settings.Monitors)
                if (monitor.Observe(step, stepper.Quantities, values) is { } warning)
                    channel.Warning(MessageSensitivity.None, $"{trainerName} step {step}: {warning}");
            if (!logged) continue;
            log.Append(step, values);
            var named = new Dictionary<string, double>();
            for (int i = 0; i < values.Length; i++)
                if (values[i] is { } v) named[stepper.Quantities[i]] = v;
            named["seconds"] = clock.Elapsed.TotalSeconds;
            channel.Info(MessageSensitivity.None, $"{trainerName} step {step}: " +
                string.Join(", ", named.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:G6}"))));
            settings.Progress?.Report(new TrainingStep(step, settings.Steps, named));
        }
        return log;
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

    /// <summary>Calls the context's internal CancelExecution (what Microsoft.ML.Experimental's extension does).</summary>
    public static void Cancel(MLContext ml) =>
        typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?.Invoke(ml, null);
}
