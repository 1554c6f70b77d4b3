using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// A critic split into a feature map φ and a head ψ, f(x) = ψ(φ(x)) — what class conditioning builds on: the
/// projection discriminator adds ⟨V[y], φ(x)⟩ (Miyato &amp; Koyama 2018) and ACGAN classifies φ(x) (Odena et al. 2017).
/// The built-in MLP, DCGAN and ResNet critics implement it.
/// </summary>
public interface IFeatureDiscriminator
{
    /// <summary>F, the width of φ(x).</summary>
    long FeatureSize { get; }

    /// <summary>φ(x): [N, F].</summary>
    Tensor Features(Tensor x);

    /// <summary>ψ(φ): the unconditional logits [N].</summary>
    Tensor Head(Tensor features);
}
