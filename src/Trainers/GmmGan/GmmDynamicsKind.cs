namespace MlGan.Trainers.GmmGan;

/// <summary>The three GMM-GAN dynamics compared in the paper (Section 2.2 and Figure 3).</summary>
public enum GmmDynamicsKind
{
    /// <summary>Eqs. 7–8: the discriminator is the exact argmax of L at every step; only μ̂ takes gradient steps.</summary>
    Optimal,

    /// <summary>Eqs. 9–11: simultaneous gradient descent on μ̂ and ascent on (ℓ, r).</summary>
    FirstOrder,

    /// <summary>Metz et al.: μ̂ descends d/dμ̂ L(μ̂, v_k(μ̂)) through k unrolled discriminator steps; (ℓ, r) take one step.</summary>
    Unrolled,
}
