using MlGan.Transforms;

namespace MlGan.Trainers.Diagnostics;

/// <summary>
/// Warns (once) when the generator's gradient norm stays below <see cref="Threshold"/> for <see cref="Window"/>
/// consecutive steps: the saturating-loss failure where a confident discriminator leaves the generator no signal.
/// </summary>
public sealed class VanishingGradientDetector : ITrainingMonitor
{
    private int _run;

    /// <summary>A detector that warns once the gradient norm has stayed small long enough.</summary>
    /// <param name="threshold">A value below this counts as vanished; finite, &gt; 0. Default 1e-6.</param>
    /// <param name="window">Consecutive small values that trigger the warning, ≥ 1. Default 10.</param>
    /// <param name="quantity">The log column watched. Default <c>g_grad_norm</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> or <paramref name="window"/> is out of range.</exception>
    public VanishingGradientDetector(double threshold = 1e-6, int window = 10, string quantity = "g_grad_norm")
    {
        Guard.Positive(threshold, nameof(threshold));
        Guard.Positive(window, nameof(window));
        Threshold = threshold;
        Window = window;
        Quantity = quantity;
    }

    /// <summary>A value below this counts as vanished (&gt; 0).</summary>
    public double Threshold { get; }
    /// <summary>Consecutive small values that trigger the warning (≥ 1).</summary>
    public int Window { get; }
    /// <summary>The log column watched.</summary>
    public string Quantity { get; }
    /// <summary>The step at which the warning was given; null if never.</summary>
    public int? WarnedAt { get; private set; }

    /// <inheritdoc />
    /// <remarks>Steps where <see cref="Quantity"/> is absent or null are skipped without breaking the run.</remarks>
    public string? Observe(int step, IReadOnlyList<string> quantities, IReadOnlyList<double?> values)
    {
        int i = CollapseBasinDetector.IndexOf(quantities, Quantity);
        if (i < 0 || values[i] is not { } v) return null;
        _run = v < Threshold ? _run + 1 : 0;
        if (_run < Window || WarnedAt is not null) return null;
        WarnedAt = step;
        return $"Vanishing generator gradient: {Quantity} < {Threshold:G3} for {Window} consecutive steps; try a non-saturating loss or a weaker discriminator.";
    }
}
