using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>
/// Seeded parameter initialisation for every MlGan network, drawn from a private torch.Generator so that
/// construction never touches (or races on) TorchSharp's global random state.
/// </summary>
public static class NetworkInit
{
    /// <summary>
    /// Re-draws every Linear/Conv/ConvTranspose weight and bias from U(±1/√fan_in) — PyTorch's default
    /// (kaiming_uniform with a = √5) — and sets BatchNorm γ = 1, β = 0. fan_in is weight.shape[1]·∏kernel,
    /// PyTorch's rule for all three layer types. Frozen parameters (requires_grad = false) are left alone:
    /// their owners draw them from their own distributions.
    /// </summary>
    public static void Reset(nn.Module module, int seed)
    {
        ArgumentNullException.ThrowIfNull(module);
        var gen = new Generator(unchecked((ulong)seed));
        using var _ = no_grad();
        foreach (var (_, sub) in module.named_modules())
        {
            var own = sub.named_parameters(recurse: false).ToDictionary(p => p.name, p => p.parameter);
            if (!own.TryGetValue("weight", out var weight) || !weight.requires_grad) continue;
            own.TryGetValue("bias", out var bias);
            if (weight.dim() >= 2)
            {
                long fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                double bound = 1.0 / Math.Sqrt(fanIn);
                weight.copy_(rand(weight.shape, dtype: weight.dtype, generator: gen).mul_(2 * bound).sub_(bound));
                bias?.copy_(rand(bias.shape, dtype: bias.dtype, generator: gen).mul_(2 * bound).sub_(bound));
            }
            else
            {
                weight.fill_(1.0);
                bias?.zero_();
            }
        }
    }
}
