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

    /// <summary>Starts the average at a copy of <paramref name="generator"/>'s current state.</summary>
    /// <param name="generator">The network whose weights are averaged; read by every <see cref="Update"/>.</param>
    /// <param name="decay">The decay in [0, 1) (0: θ̄ follows θ exactly; typical 0.999).</param>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> lies outside [0, 1).</exception>
    public GeneratorEma(nn.Module generator, double decay)
    {
        _source = Guard.NotNull(generator, nameof(generator));
        Guard.InRange(decay, 0, 1, nameof(decay));
        if (decay >= 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "decay must lie in [0, 1): 1 would never move.");
        Decay = decay;
        using var _ = no_grad();
        foreach (var (name, t) in generator.state_dict()) _shadow[name] = t.detach().clone();
    }

    /// <summary>The decay, in [0, 1).</summary>
    public double Decay { get; }

    /// <summary>The averaged value of one state entry (parameter or buffer).</summary>
    public Tensor this[string name] => _shadow[name];

    /// <summary>The averaged state by state_dict name (parameters and buffers); the tensors are live, not copies.</summary>
    public IReadOnlyDictionary<string, Tensor> State => _shadow;

    /// <summary>One averaging step from the generator's current state; call after each generator step.</summary>
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

    /// <summary>Frees the averaged tensors.</summary>
    public void Dispose()
    {
        foreach (var t in _shadow.Values) t.Dispose();
    }
}
