using MlGan.Transforms;
using MlGan.Transforms.Generators;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// ACGAN's critic (Odena et al. 2017): the wrapped critic's unconditional logit ψ(φ(x)) plus an auxiliary classifier
/// c(φ(x)) ∈ R^C. The adversarial loss is the chosen GAN loss on ψ; the critic also minimises
/// w·[CE(c(φ(x_real)), y) + CE(c(φ(G(z, y))), y)] and the generator w·CE(c(φ(G(z, y))), y) (the paper's L_C, which both
/// players maximise as log-likelihood), w = <see cref="Weight"/>.
/// </summary>
public sealed class AuxiliaryClassifierDiscriminator : ConditionalDiscriminator
{
    private readonly DiscriminatorModule inner;
    private readonly nn.Module<Tensor, Tensor> classifier;

    /// <summary>Wraps a feature critic (owned from now on) for <paramref name="classCount"/> classes.</summary>
    /// <param name="inner">An <see cref="IFeatureDiscriminator"/> critic.</param>
    /// <param name="classCount">C, ≥ 2.</param>
    /// <param name="weight">w, the weight of the classification terms, &gt; 0. Default 1 (the paper's).</param>
    /// <param name="spectralNorm">Spectrally normalise the classifier. Default false.</param>
    /// <param name="seed">Seed of the classifier's initial values.</param>
    public AuxiliaryClassifierDiscriminator(DiscriminatorModule inner, int classCount, double weight = 1, bool spectralNorm = false, int seed = 0)
        : base(nameof(AuxiliaryClassifierDiscriminator), inner, classCount)
    {
        if (!(weight > 0) || !double.IsFinite(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"The classification weight must be positive and finite; got {weight}.");
        Weight = weight;
        this.inner = inner;
        classifier = LayerFactory.Linear(Inner.FeatureSize, classCount, spectralNorm, seed);
        NetworkInit.Reset(classifier, seed);
        RegisterComponents();
    }

    /// <summary>w, the weight of the classification terms.</summary>
    public double Weight { get; }

    /// <summary>The wrapped architecture with "+acgan", e.g. <c>dcgan+acgan</c>.</summary>
    public override string Architecture => inner.Architecture + "+acgan";

    /// <summary>The adversarial logit ψ(φ(x)) [N] (the labels of the open scope are checked, not used: they enter through the classifier).</summary>
    public override Tensor forward(Tensor x)
    {
        LabelsFor(x);
        using var scope = NewDisposeScope();
        return Inner.Head(Inner.Features(x)).MoveToOuterDisposeScope();
    }

    /// <summary>Class logits c(φ(x)) [N, C].</summary>
    public Tensor ClassLogits(Tensor x) => classifier.forward(Inner.Features(x));

    /// <inheritdoc />
    public override Tensor? CriticAuxiliaryLoss(Tensor real, Tensor fake, Tensor labels) =>
        (F.cross_entropy(ClassLogits(real), labels) + F.cross_entropy(ClassLogits(fake), labels)) * Weight;

    /// <inheritdoc />
    public override Tensor? GeneratorAuxiliaryLoss(Tensor fake, Tensor labels) => F.cross_entropy(ClassLogits(fake), labels) * Weight;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
