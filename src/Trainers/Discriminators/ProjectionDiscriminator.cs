using MlGan.Transforms.Generators;
using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// The projection discriminator (Miyato &amp; Koyama 2018, eq. 3): D(x, y) = ψ(φ(x)) + ⟨V[y], φ(x)⟩, with V ∈ R^{C×F}
/// a class embedding (spectrally normalised with the critic, as in the paper's SN-ResNet), φ and ψ the wrapped
/// critic's feature map and head.
/// </summary>
public sealed class ProjectionDiscriminator : ConditionalDiscriminator
{
    private readonly DiscriminatorModule inner;
    private readonly nn.Module<Tensor, Tensor> embedding;

    /// <summary>Wraps a feature critic (owned from now on) for <paramref name="classCount"/> classes.</summary>
    /// <param name="inner">An <see cref="IFeatureDiscriminator"/> critic.</param>
    /// <param name="classCount">C, ≥ 2.</param>
    /// <param name="spectralNorm">Spectrally normalise V. Default false.</param>
    /// <param name="seed">Seed of V's initial values.</param>
    public ProjectionDiscriminator(DiscriminatorModule inner, int classCount, bool spectralNorm = false, int seed = 0)
        : base(nameof(ProjectionDiscriminator), inner, classCount)
    {
        this.inner = inner;
        // V as the weight [C, F] of a bias-free linear map: ⟨V[y], φ⟩ is entry y of Vφ, and spectral norm applies to it as to any layer.
        embedding = LayerFactory.Linear(Inner.FeatureSize, classCount, spectralNorm, seed, bias: false);
        NetworkInit.Reset(embedding, seed);
        RegisterComponents();
    }

    /// <summary>The wrapped architecture with "+projection", e.g. <c>dcgan+projection</c>.</summary>
    public override string Architecture => inner.Architecture + "+projection";

    /// <summary>D(x, y) [N] for the labels of the open <see cref="IConditionalDiscriminator.Condition"/> scope.</summary>
    public override Tensor forward(Tensor x)
    {
        var labels = LabelsFor(x);
        using var scope = NewDisposeScope();
        var phi = Inner.Features(x);
        var projection = embedding.forward(phi).gather(1, labels.unsqueeze(1)).squeeze(1);
        return (Inner.Head(phi) + projection).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            embedding.Dispose();
        }
        base.Dispose(disposing);
    }
}
