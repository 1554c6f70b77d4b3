using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// Exponential moving average of the generator's weights (Yazıcı et al. 2019): after each generator step
/// θ̄ ← decay·θ̄ + (1 − decay)·θ for every parameter; buffers (BatchNorm running statistics) are copied.
/// The averaged weights are what the trainer exports.
/// </summary>
public sealed class GeneratorEma : IDisposable
{
    private readonly nn.Module _source;
    private readonly Dictionary<string, Tensor> _shadow = new();

    public GeneratorEma(nn.Module generator, double decay)
    {
        _source = Guard.NotNull(generator, nameof(generator));
        Guard.InRange(decay, 0, 1, nameof(decay));
        if (decay >= 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "decay must lie in [0, 1): 1 would never move.");
        Decay = decay;
        using var _ = no_grad();
        foreach (var (name, t) in generator.state_dict()) _shadow[name] = t.detach().clone();
    }

    public double Decay { get; }

    /// <summary>The averaged value of one state entry (parameter or buffer).</summary>
    public Tensor this[string name] => _shadow[name];

    public IReadOnlyDictionary<string, Tensor> State => _shadow;

    public void Update()
    {
        using var _ = no_grad();
        var parameters = _source.named_parameters().Select(p => p.name).ToHashSet();
        foreach (var (name, t) in _source.state_dict())
        {
            var s = _shadow[name];
            if (parameters.Contains(name) && t.is_floating_point()) s.mul_(Decay).add_(t, alpha: 1 - Decay);
            else s.copy_(t);
        }
    }

    /// <summary>Copies the averaged weights into <paramref name="target"/> (same architecture).</summary>
    public void CopyTo(nn.Module target)
    {
        using var _ = no_grad();
        foreach (var (name, t) in target.state_dict()) t.copy_(_shadow[name]);
    }

    public void Dispose()
    {
        foreach (var t in _shadow.Values) t.Dispose();
    }
}
