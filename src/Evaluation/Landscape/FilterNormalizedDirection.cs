using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation.Landscape;

/// <summary>
/// Random directions for loss-landscape plots, filter-normalised as in Li et al. (2018, "Visualizing the
/// loss landscape of neural nets"): a Gaussian direction whose every filter is rescaled to the norm of the
/// matching filter of the parameters. For a random-feature generator each θ_i is the single output weight
/// of one hidden unit, i.e. one filter, so d_i ← d_i · |θ_i| / |d_i|.
/// </summary>
public static class FilterNormalizedDirection
{
    /// <summary>A direction shaped like <paramref name="parameters"/> [filters, ...] normalised filter by filter.</summary>
    public static Tensor Create(Tensor parameters, torch.Generator random)
    {
        using var scope = NewDisposeScope();
        var p = parameters.detach();
        var d = randn(p.shape, dtype: p.dtype, generator: random);
        var filters = p.dim() == 1 ? p.unsqueeze(1) : p.flatten(1);
        var dFilters = d.dim() == 1 ? d.unsqueeze(1) : d.flatten(1);
        var scale = filters.norm(1, keepdim: true) / (dFilters.norm(1, keepdim: true) + 1e-10);
        return (dFilters * scale).reshape(p.shape).MoveToOuterDisposeScope();
    }
}
