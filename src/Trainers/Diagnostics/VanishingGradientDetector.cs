using MlGan.Transforms;

namespace MlGan.Trainers.Diagnostics;

/// <summary>
/// Warns (once) when the generator's gradient norm stays below <see cref="Threshold"/> for <see cref="Window"/>
/// consecutive steps: the saturating-loss failure where a confident discriminator leaves the generator no signal.
/// </summary>
public sealed class VanishingGradientDetector : ITrainingMonitor
{
    private int _run;

    public VanishingGradientDetector(double threshold = 1e-6, int window = 10, string quantity = "g_grad_norm")
    {
        Guard.Positive(threshold, nameof(threshold));
        Guard.Positive(window, nameof(window));
        Threshold = threshold;
        Window = window;
        Quantity = quantity;
    }

    public double Threshold { get; }
    public int Window { get; }
    public string Quantity { get; }
    public int? WarnedAt { get; private set; }

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
