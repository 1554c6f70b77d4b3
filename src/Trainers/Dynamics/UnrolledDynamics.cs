using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Regularizers;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>
/// Unrolled GAN (Metz et al. 2017): n_critic real critic steps, then the generator minimises its loss against the
/// critic unrolled k plain-gradient steps ahead (learning rate = the critic's), the unroll kept in the graph
/// (create_graph) so ∂/∂θ_G sees how the critic would respond. The unroll applies the pipeline's ℓ2 stage through
/// <see cref="L2Penalty.Of"/> on the substituted weights. Needs an <see cref="IFunctionalDiscriminator"/>.
/// </summary>
internal sealed class UnrolledDynamics : IGanDynamicsRule
{
    public StepValues Step(GanStepCore core)
    {
        CriticStepValues critic = default;
        for (int i = 0; i < core.Settings.DiscriminatorSteps; i++) critic = core.CriticStep();
        using var scope = NewDisposeScope();
        var functional = (IFunctionalDiscriminator)core.D;
        var weights = functional.Weights.Select(w => (Tensor)w).ToList();
        var real = core.LastOrNextReal();
        var z = core.Latents(core.Settings.BatchSize);
        double lr = core.Settings.DiscriminatorOptimizer.LearningRate, l2 = core.L2Lambda;
        for (int k = 0; k < core.Settings.UnrollSteps; k++)
        {
            var fake = core.G.forward(z);
            var dl = core.Loss.DiscriminatorLoss(functional.Forward(real, weights), functional.Forward(fake, weights));
            if (l2 > 0) dl = dl + L2Penalty.Of(weights, l2);
            var grads = TorchSharp.torch.autograd.grad(new[] { dl }, weights, retain_graph: true, create_graph: true);
            weights = weights.Zip(grads, (w, g) => w - g * lr).ToList();
        }
        var gl = core.Loss.GeneratorLoss(functional.Forward(real, weights), functional.Forward(core.G.forward(z), weights));
        var (gLoss, gNorm) = core.ApplyGeneratorLoss(gl);
        return new(critic.DLoss, gLoss, critic.GradNorm, gNorm, critic.Penalty);
    }
}
