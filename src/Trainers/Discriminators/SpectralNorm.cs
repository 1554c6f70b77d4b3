using MlGan.Transforms;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018) of a Linear or Conv2d layer: the layer computes with W/σ̂(W),
/// σ̂ estimated by power iteration on W reshaped to [out, rest] with a persistent vector u (one iteration per
/// training-mode forward, as in the paper; more on request). The wrapped layer's own weight and bias are the
/// trained parameters; u is a buffer, so checkpoints keep it.
/// </summary>
public sealed class SpectralNorm : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layer;
    private readonly Tensor u;

    /// <summary>Wraps <paramref name="layer"/>; u starts as a random unit vector drawn from <paramref name="seed"/>.</summary>
    /// <param name="layer">A Linear or Conv2d layer; it keeps its weight and bias, which stay the trained parameters.</param>
    /// <param name="powerIterations">Power iterations per training-mode forward, ≥ 1. Default 1 (Miyato et al.).</param>
    /// <param name="seed">Seed of the initial u. Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="layer"/> is neither Linear nor Conv2d.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="powerIterations"/> &lt; 1.</exception>
    public SpectralNorm(nn.Module<Tensor, Tensor> layer, int powerIterations = 1, int seed = 0) : base(nameof(SpectralNorm))
    {
        this.layer = Guard.NotNull(layer, nameof(layer));
        if (layer is not (Linear or Conv2d))
            throw new ArgumentException($"SpectralNorm wraps a Linear or Conv2d layer; got {layer.GetType().Name}.", nameof(layer));
        Guard.Positive(powerIterations, nameof(powerIterations));
        PowerIterations = powerIterations;
        var gen = new torch.Generator(unchecked((ulong)seed));
        u = F.normalize(randn(new long[] { Weight.shape[0] }, generator: gen), dim: 0, eps: 1e-12);
        register_buffer("u", u);
        RegisterComponents();
    }

    /// <summary>Power iterations per training-mode forward (≥ 1); eval mode runs none and reuses u.</summary>
    public int PowerIterations { get; }

    /// <summary>The unnormalised weight W (trained).</summary>
    public Tensor Weight => layer is Linear l ? l.weight! : ((Conv2d)layer).weight!;
    /// <summary>The wrapped layer's bias (not normalised); null when it has none.</summary>
    public Tensor? Bias => layer is Linear l ? l.bias : ((Conv2d)layer).bias;
    /// <summary>The wrapped layer.</summary>
    public nn.Module<Tensor, Tensor> Layer => layer;

    /// <summary>σ̂: the current power-iteration estimate of W's largest singular value (no update of u).</summary>
    public double Sigma()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var w = Weight.reshape(Weight.shape[0], -1);
        var v = F.normalize(w.t().mv(u), dim: 0, eps: 1e-12);
        return u.dot(w.mv(v)).ToDouble();
    }

    /// <summary>W/σ̂ with σ̂ = uᵀWv after the power iterations (gradient flows through σ̂, u and v are constants).</summary>
    public Tensor NormalizedWeight()
    {
        using var scope = NewDisposeScope();
        var w = Weight.reshape(Weight.shape[0], -1);
        Tensor v, uu;
        using (no_grad())
        {
            uu = u.clone();
            v = F.normalize(w.t().mv(uu), dim: 0, eps: 1e-12);
            int iterations = training ? PowerIterations : 0;
            for (int i = 0; i < iterations; i++)
            {
                uu = F.normalize(w.mv(v), dim: 0, eps: 1e-12);
                v = F.normalize(w.t().mv(uu), dim: 0, eps: 1e-12);
            }
            if (iterations > 0) u.copy_(uu);
        }
        // σ̂ from this forward's own copy of u: the buffer is updated in place by the next training-mode forward
        // (e.g. the critic on the fakes), which must not change a tensor this forward's backward still needs.
        var sigma = uu.dot(w.mv(v));
        return (Weight / sigma).MoveToOuterDisposeScope();
    }

    /// <summary>The wrapped layer's computation with W/σ̂(W) in place of W (its stride, padding, dilation and groups kept).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var w = NormalizedWeight();
        var y = layer switch
        {
            Linear => F.linear(x, w, Bias),
            Conv2d c => F.conv2d(x, w, Bias, strides: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups),
            _ => throw new InvalidOperationException("unreachable"),
        };
        return y.MoveToOuterDisposeScope();
    }
}
