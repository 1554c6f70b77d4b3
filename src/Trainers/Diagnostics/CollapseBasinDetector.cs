using MlGan.Trainers.Losses;
using MlGan.Transforms;

namespace MlGan.Trainers.Diagnostics;

/// <summary>
/// Flags the mode-collapse basin of Sun et al. (2020), §5: with a separable loss the D-loss of a collapsed run
/// sits at the loss's <see cref="GanLoss.CollapseValue"/> (≈ 0.4774 for JS) instead of moving. The flag is raised
/// when every d_loss of the last <see cref="Window"/> steps lies within <see cref="Tolerance"/> of that value.
/// </summary>
public sealed class CollapseBasinDetector : ITrainingMonitor
{
    private readonly Queue<double> _recent = new();

    /// <summary>A detector for <paramref name="loss"/>'s collapse value; one for a loss without one never flags.</summary>
    /// <param name="loss">The loss being trained, whose <see cref="GanLoss.CollapseValue"/> is the target.</param>
    /// <param name="window">Consecutive observed values that must all sit at the target, ≥ 1. Default 50.</param>
    /// <param name="tolerance">Largest |value − target| that counts as at the target, finite, &gt; 0. Default 0.02.</param>
    /// <param name="quantity">The log column watched. Default <c>d_loss</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> or <paramref name="tolerance"/> is out of range.</exception>
    public CollapseBasinDetector(GanLoss loss, int window = 50, double tolerance = 0.02, string quantity = "d_loss")
    {
        ArgumentNullException.ThrowIfNull(loss);
        Guard.Positive(window, nameof(window));
        Guard.Positive(tolerance, nameof(tolerance));
        CollapseValue = loss.CollapseValue;
        Window = window;
        Tolerance = tolerance;
        Quantity = quantity;
    }

    /// <summary>The target D-loss (the loss's collapse value); null: the detector never flags.</summary>
    public double? CollapseValue { get; }
    /// <summary>Values in a row that must sit at the target (≥ 1).</summary>
    public int Window { get; }
    /// <summary>Largest distance from the target that counts as at it (&gt; 0).</summary>
    public double Tolerance { get; }
    /// <summary>The log column watched.</summary>
    public string Quantity { get; }
    /// <summary>The first step at which the window sat at the collapse value; null if never.</summary>
    public int? FlaggedAt { get; private set; }
    /// <summary>Whether the flag has been raised.</summary>
    public bool Flagged => FlaggedAt is not null;

    /// <inheritdoc />
    /// <remarks>Steps where <see cref="Quantity"/> is absent or null are skipped; the warning is given once.</remarks>
    public string? Observe(int step, IReadOnlyList<string> quantities, IReadOnlyList<double?> values)
    {
        if (CollapseValue is not { } target) return null;
        int i = IndexOf(quantities, Quantity);
        if (i < 0 || values[i] is not { } v) return null;
        _recent.Enqueue(v);
        if (_recent.Count > Window) _recent.Dequeue();
        if (FlaggedAt is not null || _recent.Count < Window || _recent.Any(x => Math.Abs(x - target) > Tolerance)) return null;
        FlaggedAt = step;
        return $"Mode-collapse basin: {Quantity} has stayed within {Tolerance} of the collapse value {target:G4} for {Window} steps (Sun et al. 2020, §5).";
    }

    internal static int IndexOf(IReadOnlyList<string> quantities, string name)
    {
        for (int i = 0; i < quantities.Count; i++) if (quantities[i] == name) return i;
        return -1;
    }
}
