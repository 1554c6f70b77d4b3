using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>
/// One step of GAN training for any generator, critic, loss and dynamics (the <see cref="IGanStepper"/> the one
/// training loop drives). Logs: d_loss (the loss's D-loss, without regularisers, at the last critic step), g_loss,
/// d_grad_norm, g_grad_norm (‖∇‖₂ over all trained weights), gp (the penalty term; 0 when off).
/// Latents come from a private CPU generator and are moved to the networks' device, so a seed gives the same run on any device.
/// </summary>
public sealed class GanStepper : IGanStepper, IDisposable
{
    public static readonly string[] QuantityNames = ["d_loss", "g_loss", "d_grad_norm", "g_grad_norm", "gp"];

    private readonly GeneratorModule _g;
    private readonly DiscriminatorModule _d;
    private readonly GanLoss _loss;
    private readonly GanStepperSettings _s;
    private readonly Func<Tensor> _realBatch;
    private readonly torch.Generator _latentRandom, _penaltyRandom;
    private readonly Device _device;
    private readonly TorchSharp.Modules.Parameter[] _gParams, _dParams;
    private Tensor? _lastReal;

    /// <param name="realBatch">Returns the next real batch [B, ...critic.InputShape] on <paramref name="device"/>.</param>
    public GanStepper(GeneratorModule generator, DiscriminatorModule critic, GanLoss loss, GanStepperSettings settings,
        Func<Tensor> realBatch, int seed, Device? device = null)
    {
        _g = generator ?? throw new ArgumentNullException(nameof(generator));
        _d = critic ?? throw new ArgumentNullException(nameof(critic));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        _s = settings ?? throw new ArgumentNullException(nameof(settings));
        _realBatch = realBatch ?? throw new ArgumentNullException(nameof(realBatch));
        _s.Validate();
        if (!generator.OutputShape.SequenceEqual(critic.InputShape))
            throw new ArgumentException($"The generator's output shape [{string.Join(", ", generator.OutputShape)}] differs from the critic's input shape [{string.Join(", ", critic.InputShape)}].", nameof(critic));
        if (_s.Dynamics == GanDynamics.Unrolled && critic is not IFunctionalDiscriminator)
            throw new ArgumentException($"The unrolled dynamics needs a critic with a functional forward (linear or MLP); got '{critic.Architecture}'.", nameof(critic));
        if (_s.Dynamics == GanDynamics.OptimalDiscriminator && (critic is not ILinearInParameters || loss.Family != GanLossFamily.Wasserstein))
            throw new ArgumentException("The optimal-discriminator dynamics needs a critic linear in its parameters (linear) and the Wasserstein loss with L2 > 0.", nameof(critic));
        _device = device ?? CPU;
        _g.to(_device);
        _d.to(_device);
        _gParams = _g.parameters().Where(p => p.requires_grad).ToArray();
        _dParams = _d.parameters().Where(p => p.requires_grad).ToArray();
        GeneratorOptimizer = _s.GeneratorOptimizer.Create(_gParams);
        DiscriminatorOptimizer = _s.DiscriminatorOptimizer.Create(_dParams);
        _latentRandom = new torch.Generator(unchecked((ulong)seed));
        _penaltyRandom = new torch.Generator(unchecked((ulong)seed + 1));
        if (_s.EmaDecay > 0) Ema = new GeneratorEma(_g, _s.EmaDecay);
    }

    public IReadOnlyList<string> Quantities => QuantityNames;
    public optim.Optimizer GeneratorOptimizer { get; }
    public optim.Optimizer DiscriminatorOptimizer { get; }
    public GeneratorEma? Ema { get; }
    /// <summary>The two private random streams (latents, penalty ε), for checkpoints.</summary>
    public (torch.Generator Latents, torch.Generator Penalty) RandomState => (_latentRandom, _penaltyRandom);

    public double?[] Step(int step, bool log)
    {
        using var scope = NewDisposeScope();
        _g.train();
        _d.train();
        double dLoss = double.NaN, dNorm = double.NaN, gp = 0, gLoss, gNorm;
        int extraCritic = _s.Dynamics == GanDynamics.Simultaneous ? _s.DiscriminatorSteps - 1
            : _s.Dynamics == GanDynamics.OptimalDiscriminator ? 0 : _s.DiscriminatorSteps;
        for (int i = 0; i < extraCritic; i++) (dLoss, dNorm, gp) = CriticStep();
        switch (_s.Dynamics)
        {
            case GanDynamics.Simultaneous:
                (dLoss, dNorm, gp, gLoss, gNorm) = SimultaneousStep();
                break;
            case GanDynamics.Alternating:
                (gLoss, gNorm) = GeneratorStep();
                break;
            case GanDynamics.Unrolled:
                (gLoss, gNorm) = UnrolledGeneratorStep();
                break;
            case GanDynamics.OptimalDiscriminator:
                dLoss = SetOptimalCritic();
                dNorm = 0;
                (gLoss, gNorm) = GeneratorStep();
                break;
            default:
                throw new InvalidOperationException($"Unknown dynamics {_s.Dynamics}.");
        }
        Ema?.Update();
        _lastReal?.Dispose();
        _lastReal = null;
        return [dLoss, gLoss, dNorm, gNorm, gp];
    }

    /// <summary>Fresh latents [count, k] from the private stream.</summary>
    public Tensor Latents(int count)
    {
        var z = _s.LatentDistribution == LatentDistribution.Gaussian
            ? randn(count, _g.LatentDimension, generator: _latentRandom)
            : rand(count, _g.LatentDimension, generator: _latentRandom) * 2 - 1;
        return z.to(_device);
    }

    private Tensor NextReal()
    {
        var x = _realBatch();
        _lastReal?.Dispose();
        _lastReal = x.DetachFromDisposeScope();
        return _lastReal.alias();
    }

    /// <summary>Critic loss = D-loss + regularisers; returns (D-loss alone, gp term) tensors.</summary>
    private (Tensor Total, Tensor DLoss, Tensor Gp) CriticObjective(Tensor real, Tensor fake, Tensor realLogits, Tensor fakeLogits)
    {
        var dl = _loss.DiscriminatorLoss(realLogits, fakeLogits);
        var total = dl;
        var gp = zeros(1, device: _device).sum();
        if (_s.GradientPenalty > 0)
        {
            gp = GradientPenalty.Compute(_d, real, fake, _s.GradientPenalty, _penaltyRandom);
            total = total + gp;
        }
        if (_s.L2 > 0) total = total + L2Penalty.Compute(_d, _s.L2);
        return (total, dl, gp);
    }

    private (double, double, double) CriticStep()
    {
        using var scope = NewDisposeScope();
        var real = NextReal();
        Tensor fake;
        using (no_grad()) fake = _g.forward(Latents(_s.BatchSize));
        var (total, dl, gp) = CriticObjective(real, fake, _d.forward(real), _d.forward(fake));
        DiscriminatorOptimizer.zero_grad();
        total.backward();
        double norm = GradNorm(_dParams);
        DiscriminatorOptimizer.step();
        if (_s.WeightClip > 0) WeightClipping.Apply(_d, _s.WeightClip);
        return (dl.ToDouble(), norm, gp.ToDouble());
    }

    /// <summary>One generator step; the real logits (needed by relativistic losses) are on the last critic batch.</summary>
    private (double, double) GeneratorStep()
    {
        using var scope = NewDisposeScope();
        var real = _lastReal is null ? NextReal() : _lastReal.alias();
        Tensor realLogits;
        using (no_grad()) realLogits = _d.forward(real);
        var gl = _loss.GeneratorLoss(realLogits, _d.forward(_g.forward(Latents(_s.BatchSize))));
        GeneratorOptimizer.zero_grad();
        gl.backward();
        double norm = GradNorm(_gParams);
        GeneratorOptimizer.step();
        return (gl.ToDouble(), norm);
    }

    /// <summary>Both gradients at the current point, on one batch, then both updates.</summary>
    private (double, double, double, double, double) SimultaneousStep()
    {
        using var scope = NewDisposeScope();
        var real = NextReal();
        var fake = _g.forward(Latents(_s.BatchSize));
        var realLogits = _d.forward(real);
        var fakeLogits = _d.forward(fake);
        var gl = _loss.GeneratorLoss(realLogits.detach(), fakeLogits);
        var gGrads = torch.autograd.grad(new[] { gl }, _gParams, retain_graph: true);
        var (total, dl, gp) = CriticObjective(real, fake, realLogits, fakeLogits);
        DiscriminatorOptimizer.zero_grad();
        GeneratorOptimizer.zero_grad();
        // The critic's loss also reaches θ_G through the fakes; only its θ_D gradient is used.
        var dGrads = torch.autograd.grad(new[] { total }, _dParams);
        using (no_grad())
        {
            for (int i = 0; i < _dParams.Length; i++) SetGrad(_dParams[i], dGrads[i]);
            for (int i = 0; i < _gParams.Length; i++) SetGrad(_gParams[i], gGrads[i]);
        }
        double dNorm = GradNorm(_dParams), gNorm = GradNorm(_gParams);
        DiscriminatorOptimizer.step();
        GeneratorOptimizer.step();
        if (_s.WeightClip > 0) WeightClipping.Apply(_d, _s.WeightClip);
        return (dl.ToDouble(), dNorm, gp.ToDouble(), gl.ToDouble(), gNorm);
    }

    /// <summary>
    /// The generator's loss against the critic after k plain-gradient steps (learning rate = the critic's), the
    /// unroll kept in the graph (create_graph) so ∂/∂θ_G sees how the critic would respond (Metz et al. 2017).
    /// </summary>
    private (double, double) UnrolledGeneratorStep()
    {
        using var scope = NewDisposeScope();
        var functional = (IFunctionalDiscriminator)_d;
        var weights = functional.Weights.Select(w => (Tensor)w).ToList();
        var real = _lastReal is null ? NextReal() : _lastReal.alias();
        var z = Latents(_s.BatchSize);
        double lr = _s.DiscriminatorOptimizer.LearningRate;
        for (int k = 0; k < _s.UnrollSteps; k++)
        {
            var fake = _g.forward(z);
            var dl = _loss.DiscriminatorLoss(functional.Forward(real, weights), functional.Forward(fake, weights));
            if (_s.L2 > 0) dl = dl + weights.Select(w => w.square().sum()).Aggregate((a, b) => a + b) * (0.5 * _s.L2);
            var grads = torch.autograd.grad(new[] { dl }, weights, retain_graph: true, create_graph: true);
            weights = weights.Zip(grads, (w, g) => w - g * lr).ToList();
        }
        var gl = _loss.GeneratorLoss(functional.Forward(real, weights), functional.Forward(_g.forward(z), weights));
        GeneratorOptimizer.zero_grad();
        gl.backward();
        double norm = GradNorm(_gParams);
        GeneratorOptimizer.step();
        return (gl.ToDouble(), norm);
    }

    /// <summary>η ← (EΨ(X) − EΨ(G(Z)))/λ on this step's batch; returns the D-loss there.</summary>
    private double SetOptimalCritic()
    {
        using var scope = NewDisposeScope();
        var linear = (ILinearInParameters)_d;
        var real = NextReal();
        using var _ = no_grad();
        var fake = _g.forward(Latents(_s.BatchSize));
        var gap = linear.Features(real).mean([0L]) - linear.Features(fake).mean([0L]);
        linear.Coefficients.copy_(gap / _s.L2);
        return _loss.DiscriminatorLoss(_d.forward(real), _d.forward(fake)).ToDouble();
    }

    private static void SetGrad(TorchSharp.Modules.Parameter p, Tensor g)
    {
        if (p.grad is { } existing) existing.copy_(g);
        else p.grad = g.detach().clone();
    }

    private static double GradNorm(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        double sum = 0;
        foreach (var p in parameters)
            if (p.grad is { } g) sum += g.square().sum().ToDouble();
        return Math.Sqrt(sum);
    }

    public void Dispose()
    {
        _lastReal?.Dispose();
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
        Ema?.Dispose();
    }
}
