using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>What one step of a dynamics rule reports (the log's d_loss, g_loss, d_grad_norm, g_grad_norm, gp).</summary>
internal readonly record struct StepValues(double DLoss, double GLoss, double DGradNorm, double GGradNorm, double Penalty)
{
    public double?[] ToArray() => [DLoss, GLoss, DGradNorm, GGradNorm, Penalty];
}

/// <summary>The critic step's results: its loss without regularisers, gradient norm and penalty total.</summary>
internal readonly record struct CriticStepValues(double DLoss, double GradNorm, double Penalty);

/// <summary>
/// What every dynamics rule shares: the networks, loss, optimisers, the critic's regulariser pipeline, the private
/// random streams and the real batches — and the two steps every rule is built from, <see cref="CriticStep"/> and
/// <see cref="GeneratorStep"/>. Rules (one file each) only decide how these interleave.
/// </summary>
internal sealed class GanStepCore : IDisposable
{
    private readonly Func<Tensor> _realBatch;
    private Tensor? _lastReal;

    public GanStepCore(GeneratorModule generator, DiscriminatorModule critic, GanLoss loss, GanStepperSettings settings,
        IReadOnlyList<CriticRegularizer> regularizers, Func<Tensor> realBatch, int seed, Device device)
    {
        G = generator;
        D = critic;
        Loss = loss;
        Settings = settings;
        Regularizers = regularizers;
        L2Lambda = regularizers.OfType<L2Penalty>().Sum(r => r.Lambda);
        _realBatch = realBatch;
        Device = device;
        G.to(device);
        D.to(device);
        GeneratorParameters = G.parameters().Where(p => p.requires_grad).ToArray();
        CriticParameters = D.parameters().Where(p => p.requires_grad).ToArray();
        GeneratorOptimizer = settings.GeneratorOptimizer.Create(GeneratorParameters);
        DiscriminatorOptimizer = settings.DiscriminatorOptimizer.Create(CriticParameters);
        LatentRandom = new torch.Generator(unchecked((ulong)seed));
        PenaltyRandom = new torch.Generator(unchecked((ulong)seed + 1));
    }

    public GeneratorModule G { get; }
    public DiscriminatorModule D { get; }
    public GanLoss Loss { get; }
    public GanStepperSettings Settings { get; }
    public IReadOnlyList<CriticRegularizer> Regularizers { get; }
    public Device Device { get; }
    public TorchSharp.Modules.Parameter[] GeneratorParameters { get; }
    public TorchSharp.Modules.Parameter[] CriticParameters { get; }
    public optim.Optimizer GeneratorOptimizer { get; }
    public optim.Optimizer DiscriminatorOptimizer { get; }
    public torch.Generator LatentRandom { get; }
    public torch.Generator PenaltyRandom { get; }

    /// <summary>Fresh latents [count, k] from the private CPU stream, on the networks' device.</summary>
    public Tensor Latents(int count) => LatentSampler.Sample(count, G.LatentDimension, Settings.LatentDistribution, LatentRandom).to(Device);

    /// <summary>The next real batch; it stays the step's "last real batch" (relativistic generator losses need it).</summary>
    public Tensor NextReal()
    {
        var x = _realBatch();
        _lastReal?.Dispose();
        _lastReal = x.DetachFromDisposeScope();
        return _lastReal.alias();
    }

    /// <summary>The last critic step's real batch, or a fresh one when no critic step ran in this step.</summary>
    public Tensor LastOrNextReal() => _lastReal is null ? NextReal() : _lastReal.alias();

    /// <summary>Forgets this step's real batch (called once per training step).</summary>
    public void EndStep()
    {
        _lastReal?.Dispose();
        _lastReal = null;
    }

    /// <summary>Critic loss = D-loss + every regulariser's penalty, in pipeline order; returns (total, D-loss alone, penalty sum).</summary>
    public (Tensor Total, Tensor DLoss, Tensor Penalty) CriticObjective(Tensor real, Tensor fake, Tensor realLogits, Tensor fakeLogits)
    {
        var dl = Loss.DiscriminatorLoss(realLogits, fakeLogits);
        var total = dl;
        Tensor? penalty = null;
        var batch = new CriticBatch { Critic = D, Real = real, Fake = fake, RealLogits = realLogits, FakeLogits = fakeLogits, Random = PenaltyRandom };
        foreach (var regularizer in Regularizers)
        {
            if (regularizer.Penalty(batch) is not { } term) continue;
            total = total + term;
            penalty = penalty is null ? term : penalty + term;
        }
        return (total, dl, penalty ?? zeros(1, device: Device).sum());
    }

    /// <summary>Projections of the pipeline (weight clipping) after a critic update.</summary>
    public void AfterCriticUpdate()
    {
        using var _ = no_grad();
        foreach (var regularizer in Regularizers) regularizer.AfterStep(D);
    }

    /// <summary>One critic update on a fresh real batch and fresh fakes (no gradient to G).</summary>
    public CriticStepValues CriticStep()
    {
        using var scope = NewDisposeScope();
        var real = NextReal();
        Tensor fake;
        using (no_grad()) fake = G.forward(Latents(Settings.BatchSize));
        var (total, dl, penalty) = CriticObjective(real, fake, D.forward(real), D.forward(fake));
        DiscriminatorOptimizer.zero_grad();
        total.backward();
        double norm = GradNorm(CriticParameters);
        DiscriminatorOptimizer.step();
        AfterCriticUpdate();
        return new(dl.ToDouble(), norm, penalty.ToDouble());
    }

    /// <summary>One generator update against the current critic; real logits (for relativistic losses) on the last critic batch.</summary>
    public (double Loss, double GradNorm) GeneratorStep()
    {
        using var scope = NewDisposeScope();
        var real = LastOrNextReal();
        Tensor realLogits;
        using (no_grad()) realLogits = D.forward(real);
        var gl = Loss.GeneratorLoss(realLogits, D.forward(G.forward(Latents(Settings.BatchSize))));
        return ApplyGeneratorLoss(gl);
    }

    /// <summary>Backpropagates a generator loss and takes the optimiser step.</summary>
    public (double Loss, double GradNorm) ApplyGeneratorLoss(Tensor generatorLoss)
    {
        GeneratorOptimizer.zero_grad();
        generatorLoss.backward();
        double norm = GradNorm(GeneratorParameters);
        GeneratorOptimizer.step();
        return (generatorLoss.ToDouble(), norm);
    }

    /// <summary>λ of the ℓ2 stage of the pipeline (the unrolled and optimal-critic rules need it); 0 when there is none.</summary>
    public double L2Lambda { get; }

    public static void SetGrad(TorchSharp.Modules.Parameter p, Tensor g)
    {
        if (p.grad is { } existing) existing.copy_(g);
        else p.grad = g.detach().clone();
    }

    public static double GradNorm(IEnumerable<TorchSharp.Modules.Parameter> parameters)
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
    }
}
