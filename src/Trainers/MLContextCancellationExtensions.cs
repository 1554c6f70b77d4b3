using System.Reflection;
using Microsoft.ML;

namespace MlGan.Trainers;

/// <summary><c>ml.CancelExecution()</c> for MlGan training (and any ML.NET work on the same context).</summary>
public static class MLContextCancellationExtensions
{
    private static readonly MethodInfo? CancelMethod = typeof(MLContext).GetMethod("CancelExecution",
        BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes);

    /// <summary>
    /// Asks every computation on <paramref name="ml"/> to stop: MlGan's training loop throws
    /// <see cref="OperationCanceledException"/> before its next step. ML.NET 5.0.1 keeps
    /// <c>MLContext.CancelExecution</c> internal (only Microsoft.ML.Experimental exposes it), so this calls it by
    /// reflection. The cancellation is permanent for that context, as in ML.NET: use a new MLContext afterwards,
    /// or a <see cref="CancellationToken"/> (GanTrainerOptions.CancellationToken) for a one-off stop.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">This ML.NET build has no CancelExecution to call.</exception>
    public static void CancelExecution(this MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (CancelMethod is null)
            throw new PlatformNotSupportedException("This ML.NET version has no MLContext.CancelExecution; cancel MlGan training with GanTrainerOptions.CancellationToken instead.");
        CancelMethod.Invoke(ml, null);
    }
}
