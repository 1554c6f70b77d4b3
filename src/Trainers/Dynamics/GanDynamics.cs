namespace MlGan.Trainers.Dynamics;

/// <summary>How generator and discriminator updates are interleaved within one training step.</summary>
public enum GanDynamics
{
    /// <summary>
    /// Simultaneous GDA: both gradients at the same (θ_G, θ_D) on the same batch, then both updated
    /// (Sajedi et al. 2021, Eq. 3). With n_critic &gt; 1, n_critic − 1 discriminator-only steps come first.
    /// </summary>
    Simultaneous,

    /// <summary>Alternating: n_critic discriminator steps (fresh batch each), then one generator step against the updated D.</summary>
    Alternating,

    /// <summary>
    /// Unrolled GAN (Metz et al. 2017): n_critic real D steps, then the generator minimises its loss against D
    /// unrolled k plain-gradient steps ahead, differentiating through the unroll (create_graph).
    /// Needs a discriminator with a functional forward (<see cref="Discriminators.IFunctionalDiscriminator"/>).
    /// </summary>
    Unrolled,

    /// <summary>
    /// The critic is set to its closed-form optimum before each generator step. Needs a critic linear in its
    /// parameters, f(x) = ηᵀΨ(x) (<see cref="Discriminators.ILinearInParameters"/>), with the ℓ2-regularised
    /// Wasserstein loss: η* = (EΨ(X) − EΨ(G(Z)))/λ (<see cref="Discriminators.LinearCritic"/>).
    /// </summary>
    OptimalLinearCritic,
}
