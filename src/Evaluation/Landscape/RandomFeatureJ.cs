using MlGan.Trainers.RandomFeature;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation.Landscape;

/// <summary>
/// J(θ) = ½‖EΨ(X) − EΨ(g_θ(Z))‖² of a random-feature WGAN as a plain function of θ, on fixed samples of
/// data and latents (so every evaluation sees the same empirical J), with its analytic gradient.
/// </summary>
public sealed class RandomFeatureJ : IDisposable
{
    private readonly RandomFeatureWganObjective _objective;
    private readonly Tensor _realMeanPsi;
    private readonly Tensor _latents;

    /// <summary>J on fixed samples; EΨ(X) is computed once here, the latents are copied.</summary>
    /// <param name="objective">The trained networks; evaluating J writes θ into its generator.</param>
    /// <param name="data">Real samples X [B, n].</param>
    /// <param name="latents">Latent codes Z [M, k], fixed for every evaluation.</param>
    public RandomFeatureJ(RandomFeatureWganObjective objective, Tensor data, Tensor latents)
    {
        _objective = objective;
        _realMeanPsi = objective.MeanPsi(data);
        _latents = latents.detach().clone();
    }

    /// <summary>The generator's live θ [Ng]: the current point, overwritten by every evaluation.</summary>
    public Tensor Theta => _objective.Generator.Theta;

    /// <summary>J(θ) on the fixed samples (θ [Ng] is copied into the generator).</summary>
    public double Loss(Tensor theta)
    {
        Load(theta);
        return _objective.J(_realMeanPsi, _latents);
    }

    /// <summary>∇J(θ) [Ng], analytic (θ [Ng] is copied into the generator).</summary>
    public Tensor Gradient(Tensor theta)
    {
        Load(theta);
        return _objective.GradientJ(_realMeanPsi, _latents);
    }

    /// <summary>r(θ) = EΨ(X) − EΨ(g_θ(Z)) [Nd] and its Jacobian ∂r/∂θ = −∂EΨ(g_θ(Z))/∂θ [Nd, Ng].</summary>
    public (Tensor Residual, Tensor Jacobian) ResidualAndJacobian(Tensor theta)
    {
        Load(theta);
        using var scope = NewDisposeScope();
        var r = _objective.Residual(_realMeanPsi, _latents);
        var jacobian = -_objective.GeneratedPsiJacobian(_latents);
        return (r.MoveToOuterDisposeScope(), jacobian.MoveToOuterDisposeScope());
    }

    private void Load(Tensor theta)
    {
        using var _ = no_grad();
        _objective.Generator.Theta.copy_(theta);
    }

    /// <summary>Frees the cached EΨ(X) and latents (not the objective's networks).</summary>
    public void Dispose()
    {
        _realMeanPsi.Dispose();
        _latents.Dispose();
    }
}
