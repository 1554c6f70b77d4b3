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

    public RandomFeatureJ(RandomFeatureWganObjective objective, Tensor data, Tensor latents)
    {
        _objective = objective;
        _realMeanPsi = objective.MeanPsi(data);
        _latents = latents.detach().clone();
    }

    public Tensor Theta => _objective.Generator.Theta;

    public double Loss(Tensor theta)
    {
        Load(theta);
        return _objective.J(_realMeanPsi, _latents);
    }

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

    public void Dispose()
    {
        _realMeanPsi.Dispose();
        _latents.Dispose();
    }
}
