using TorchSharp;
using MlGan.Trainers.Discriminators;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>
/// The critic is set to its closed-form optimum before each generator step: for a critic linear in its parameters,
/// f(x) = ηᵀΨ(x) (<see cref="ILinearInParameters"/>), and the ℓ2-regularised Wasserstein loss,
/// η* = (EΨ(X) − EΨ(G(Z)))/λ on this step's batch (<see cref="LinearCritic.OptimalCoefficients"/>).
/// </summary>
internal sealed class OptimalLinearCriticDynamics : IGanDynamicsRule
{
    public StepValues Step(GanStepCore core)
    {
        double dLoss;
        using (var scope = NewDisposeScope())
        {
            var linear = (ILinearInParameters)core.D;
            var real = core.NextReal();
            using var _ = no_grad();
            var fake = core.G.forward(core.Latents(core.Settings.BatchSize));
            linear.Coefficients.copy_(LinearCritic.OptimalCoefficients(linear.Features(real).mean([0L]), linear.Features(fake).mean([0L]), core.L2Lambda));
            dLoss = core.Loss.DiscriminatorLoss(core.D.forward(real), core.D.forward(fake)).ToDouble();
        }
        var (gLoss, gNorm) = core.GeneratorStep();
        return new(dLoss, gLoss, 0, gNorm, 0);
    }
}
