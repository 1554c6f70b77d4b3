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
/// Class-conditional training: fakes of a step are generated for the labels of the step's real batch
/// (<see cref="Generate"/>), and the critic is conditioned on them around every evaluation (<see cref="ConditionCritic"/>).
/// </summary>
internal sealed class GanStepCore : IDisposable
{
    private readonly Func<RealBatch> _realBatch;
    private Tensor? _lastReal, _lastLabels;

    public GanStepCore(GeneratorModule generator, DiscriminatorModule critic, GanLoss loss, GanStepperSettings settings,
        IReadOnlyList<CriticRegularizer> regularizers, Func<RealBatch> realBatch, int seed, Device device)
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

    /// <summary>
    /// The next real batch; it (and its labels) stays the step's "last real batch" (relativistic generator losses and
    /// conditional generation need it).
    /// </summary>
    public Tensor NextReal()
    {
        var batch = _realBatch();
        _lastReal?.Dispose();
        _lastLabels?.Dispose();
        _lastReal = batch.Samples.DetachFromDisposeScope();
        _lastLabels = batch.Labels?.DetachFromDisposeScope();
        return _lastReal.alias();
    }

    /// <summary>True when the generator or the critic is class-conditional.</summary>
    public bool Conditional => G is IConditionalGenerator || D is IConditionalDiscriminator;

    /// <summary>The labels of the last real batch (conditional training).</summary>
    private Tensor Labels => _lastLabels?.alias() ?? throw new InvalidOperationException(
        "Class-conditional networks need labelled real batches: the data stream returned a batch without labels.");

    /// <summary>Samples for latents <paramref name="z"/>: G(z), or G(z, y) with the last real batch's labels.</summary>
    public Tensor Generate(Tensor z) => G is IConditionalGenerator conditional ? conditional.forward(z, Labels) : G.forward(z);

    /// <summary>Conditions a class-conditional critic on the last real batch's labels until disposed; null (nothing to undo) otherwise.</summary>
    public IDisposable? ConditionCritic() => D is IConditionalDiscriminator conditional ? conditional.Condition(Labels) : null;

    /// <summary>The critic's view of <paramref name="x"/>: DiffAugment's transform when it is on (from the penalty stream), else x itself.</summary>
    public Tensor Augment(Tensor x) => Settings.Augmentation?.Apply(x, PenaltyRandom) ?? x;

    /// <summary>ACGAN-style extra generator loss on the fakes; null when the critic adds none.</summary>
    public Tensor? GeneratorAuxiliaryLoss(Tensor fake) =>
        D is IConditionalDiscriminator conditional ? conditional.GeneratorAuxiliaryLoss(fake, Labels) : null;

    /// <summary>The last critic step's real batch, or a fresh one when no critic step ran in this step.</summary>
    public Tensor LastOrNextReal() => _lastReal is null ? NextReal() : _lastReal.alias();

    /// <summary>Forgets this step's real batch (called once per training step).</summary>
    public void EndStep()
    {
        _lastReal?.Dispose();
        _lastLabels?.Dispose();
        _lastReal = null;
        _lastLabels = null;
    }

    /// <summary>
    /// Critic loss = D-loss (with a conditional critic's auxiliary term, e.g. ACGAN's classification) + every
    /// regulariser's penalty, in pipeline order; returns (total, D-loss alone, penalty sum).
    /// </summary>
    public (Tensor Total, Tensor DLoss, Tensor Penalty) CriticObjective(Tensor real, Tensor fake, Tensor realLogits, Tensor fakeLogits)
    {
        var dl = Loss.DiscriminatorLoss(realLogits, fakeLogits);
        if (D is IConditionalDiscriminator conditional && conditional.CriticAuxiliaryLoss(real, fake, Labels) is { } auxiliary)
            dl = dl + auxiliary;
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
        using var condition = ConditionCritic();
        Tensor fake;
        using (no_grad()) fake = Generate(Latents(Settings.BatchSize));
        (real, fake) = (Augment(real), Augment(fake));
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
        using var condition = ConditionCritic();
        Tensor realLogits;
        using (no_grad()) realLogits = D.forward(Augment(real));
        var fake = Augment(Generate(Latents(Settings.BatchSize)));
        var gl = Loss.GeneratorLoss(realLogits, D.forward(fake));
        if (GeneratorAuxiliaryLoss(fake) is { } auxiliary) gl = gl + auxiliary;
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
        _lastLabels?.Dispose();
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
    }
}
