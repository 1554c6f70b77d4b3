using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// The closed form shared by every critic linear in its parameters (<see cref="ILinearInParameters"/>: the general
/// engine's linear critic and the random-feature critic of No et al.): under the ℓ2-regularised Wasserstein loss
/// E f(X) − E f(G(Z)) − (λ/2)‖η‖², the optimal coefficients are η* = (EΨ(X) − EΨ(G(Z)))/λ.
/// </summary>
public static class LinearCritic
{
    /// <summary>η* from the mean features of the real and generated batches ([p] each) and λ &gt; 0.</summary>
    public static Tensor OptimalCoefficients(Tensor realMeanFeatures, Tensor fakeMeanFeatures, double lambda)
    {
        ArgumentNullException.ThrowIfNull(realMeanFeatures);
        ArgumentNullException.ThrowIfNull(fakeMeanFeatures);
        if (!(lambda > 0)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The optimal linear critic needs the ℓ2 regulariser's λ > 0: without it the optimum is unbounded.");
        return (realMeanFeatures - fakeMeanFeatures) / lambda;
    }
}
