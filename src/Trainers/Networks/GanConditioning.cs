namespace MlGan.Trainers;

/// <summary>How a class-conditional critic uses the label (the generator always takes a label embedding).</summary>
public enum GanConditioning
{
    /// <summary>Projection discriminator (Miyato &amp; Koyama 2018): D(x, y) = ψ(φ(x)) + ⟨V[y], φ(x)⟩.</summary>
    Projection,
    /// <summary>ACGAN (Odena et al. 2017): an unconditional critic plus an auxiliary classifier on its features.</summary>
    AuxiliaryClassifier,
}
