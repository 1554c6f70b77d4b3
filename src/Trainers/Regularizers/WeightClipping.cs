using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>WGAN's weight clipping (Arjovsky et al. 2017): after each critic step every trained weight is clamped to [−c, c].</summary>
public static class WeightClipping
{
    public static void Apply(nn.Module critic, double c)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Guard.Positive(c, nameof(c));
        using var _ = no_grad();
        foreach (var p in critic.parameters())
            if (p.requires_grad) p.clamp_(-c, c);
    }
}
