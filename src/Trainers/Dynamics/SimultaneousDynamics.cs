using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>
/// Simultaneous GDA (Sajedi et al. 2021, Eq. 3): n_critic − 1 critic-only steps, then both gradients at the same
/// (θ_G, θ_D) on one batch and both updates.
/// </summary>
internal sealed class SimultaneousDynamics : IGanDynamicsRule
{
    public StepValues Step(GanStepCore core)
    {
        for (int i = 0; i < core.Settings.DiscriminatorSteps - 1; i++) core.CriticStep();
        using var scope = NewDisposeScope();
        var real = core.Augment(core.NextReal());
        using var condition = core.ConditionCritic();
        var fake = core.Augment(core.Generate(core.Latents(core.Settings.BatchSize)));
        var realLogits = core.D.forward(real);
        var fakeLogits = core.D.forward(fake);
        var gl = core.Loss.GeneratorLoss(realLogits.detach(), fakeLogits);
        if (core.GeneratorAuxiliaryLoss(fake) is { } auxiliary) gl = gl + auxiliary;
        var gGrads = TorchSharp.torch.autograd.grad(new[] { gl }, core.GeneratorParameters, retain_graph: true);
        var (total, dl, penalty) = core.CriticObjective(real, fake, realLogits, fakeLogits);
        core.DiscriminatorOptimizer.zero_grad();
        core.GeneratorOptimizer.zero_grad();
        // The critic's loss also reaches θ_G through the fakes; only its θ_D gradient is used.
        var dGrads = TorchSharp.torch.autograd.grad(new[] { total }, core.CriticParameters);
        using (no_grad())
        {
            for (int i = 0; i < core.CriticParameters.Length; i++) GanStepCore.SetGrad(core.CriticParameters[i], dGrads[i]);
            for (int i = 0; i < core.GeneratorParameters.Length; i++) GanStepCore.SetGrad(core.GeneratorParameters[i], gGrads[i]);
        }
        double dNorm = GanStepCore.GradNorm(core.CriticParameters), gNorm = GanStepCore.GradNorm(core.GeneratorParameters);
        core.DiscriminatorOptimizer.step();
        core.GeneratorOptimizer.step();
        core.AfterCriticUpdate();
        return new(dl.ToDouble(), gl.ToDouble(), dNorm, gNorm, penalty.ToDouble());
    }
}
