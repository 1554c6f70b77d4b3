namespace MlGan.Trainers.Losses;

/// <summary>How a GAN loss couples real and generated samples (Sun et al. 2020, Eqs. 2–3).</summary>
public enum GanLossFamily
{
    /// <summary>Eq. (2): Σ h1(f(xᵢ)) + h2(−f(yᵢ)); real and fake judged by one decision boundary, batches may differ in size.</summary>
    Separable,

    /// <summary>Eq. (3): Σ h(f(xᵢ) − f(yᵢ)); real and fake paired elementwise, batches must have equal size.</summary>
    Relativistic,

    /// <summary>h(t) = t: E f(x) − E f(y), unbounded without a Lipschitz constraint or a regulariser.</summary>
    Wasserstein,
}
