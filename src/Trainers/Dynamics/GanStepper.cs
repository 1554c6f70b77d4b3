using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms.Generators;
using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>
/// One step of GAN training for any generator, critic, loss, regulariser pipeline and dynamics rule (the
/// <see cref="IGanStepper"/> the one training loop drives). Logs: d_loss (the loss's D-loss, without regularisers,
/// at the last critic step), g_loss, d_grad_norm, g_grad_norm (‖∇‖₂ over all trained weights), gp (the sum of the
/// regularisers' penalty terms at the last critic step; 0 when none adds one).
/// Latents come from a private CPU generator and are moved to the networks' device, so a seed gives the same run on any device.
/// </summary>
public sealed class GanStepper : IGanStepper, IDisposable
{
    /// <summary>The log's columns, in order.</summary>
    public static readonly string[] QuantityNames = ["d_loss", "g_loss", "d_grad_norm", "g_grad_norm", "gp"];

    private readonly GanStepCore _core;
    private readonly IGanDynamicsRule _rule;

    /// <param name="generator">The generator; moved to <paramref name="device"/>.</param>
    /// <param name="critic">The critic; its input shape must be the generator's output shape.</param>
    /// <param name="loss">The GAN loss.</param>
    /// <param name="settings">Dynamics, optimisers, regularisers, batch size.</param>
    /// <param name="realBatch">Returns the next real batch [B, ...critic.InputShape] on <paramref name="device"/>.</param>
    /// <param name="seed">Seed of the private latent and penalty streams.</param>
    /// <param name="device">Where the networks run (default CPU).</param>
    public GanStepper(GeneratorModule generator, DiscriminatorModule critic, GanLoss loss, GanStepperSettings settings,
        Func<Tensor> realBatch, int seed, Device? device = null)
        : this(generator, critic, loss, settings, Unlabelled(realBatch), seed, device) { }

    /// <summary>A stepper over labelled real batches (class-conditional networks need <see cref="RealBatch.Labels"/>).</summary>
    /// <param name="generator">The generator (an <see cref="IConditionalGenerator"/> generates for the real batch's labels); moved to <paramref name="device"/>.</param>
    /// <param name="critic">The critic (an <see cref="IConditionalDiscriminator"/> is conditioned on the real batch's labels).</param>
    /// <param name="loss">The GAN loss.</param>
    /// <param name="settings">Dynamics, optimisers, regularisers, batch size.</param>
    /// <param name="realBatch">Returns the next real batch (samples [B, ...critic.InputShape], labels [B] or null) on <paramref name="device"/>.</param>
    /// <param name="seed">Seed of the private latent and penalty streams.</param>
    /// <param name="device">Where the networks run (default CPU).</param>
    public GanStepper(GeneratorModule generator, DiscriminatorModule critic, GanLoss loss, GanStepperSettings settings,
        Func<RealBatch> realBatch, int seed, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(realBatch);
        settings.Validate();
        if (!generator.OutputShape.SequenceEqual(critic.InputShape))
            throw new ArgumentException($"The generator's output shape [{string.Join(", ", generator.OutputShape)}] differs from the critic's input shape [{string.Join(", ", critic.InputShape)}].", nameof(critic));
        var regularizers = settings.Pipeline();
        _rule = Rule(settings.Dynamics, generator, critic, loss, regularizers, settings.Augmentation);
        _core = new GanStepCore(generator, critic, loss, settings, regularizers, realBatch, seed, device ?? CPU);
        if (settings.EmaDecay > 0) Ema = new GeneratorEma(generator, settings.EmaDecay);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Quantities => QuantityNames;
    /// <summary>The generator's optimiser (checkpoints save its state).</summary>
    public optim.Optimizer GeneratorOptimizer => _core.GeneratorOptimizer;
    /// <summary>The critic's optimiser (checkpoints save its state).</summary>
    public optim.Optimizer DiscriminatorOptimizer => _core.DiscriminatorOptimizer;
    /// <summary>The generator-weight EMA; null when EmaDecay is 0.</summary>
    public GeneratorEma? Ema { get; }
    /// <summary>The critic's regulariser pipeline, in application order.</summary>
    public IReadOnlyList<CriticRegularizer> Regularizers => _core.Regularizers;
    /// <summary>The two private random streams (latents, penalty randomness), for checkpoints.</summary>
    public (TorchSharp.torch.Generator Latents, TorchSharp.torch.Generator Penalty) RandomState => (_core.LatentRandom, _core.PenaltyRandom);

    /// <inheritdoc />
    public double?[] Step(int step, bool log)
    {
        using var scope = NewDisposeScope();
        _core.G.train();
        _core.D.train();
        var values = _rule.Step(_core);
        Ema?.Update();
        _core.EndStep();
        return values.ToArray();
    }

    /// <summary>Fresh latents [count, k] from the private stream.</summary>
    public Tensor Latents(int count) => _core.Latents(count);

    private static Func<RealBatch> Unlabelled(Func<Tensor> realBatch)
    {
        ArgumentNullException.ThrowIfNull(realBatch);
        return () => new RealBatch(realBatch());
    }

    /// <summary>The rule of <paramref name="dynamics"/>, after checking that the networks and loss support it.</summary>
    private static IGanDynamicsRule Rule(GanDynamics dynamics, GeneratorModule generator, DiscriminatorModule critic, GanLoss loss,
        IReadOnlyList<CriticRegularizer> regularizers, Augmentation.DiffAugment? augmentation, string settings = nameof(GanStepperSettings.Augmentation))
    {
        if (dynamics is GanDynamics.Unrolled or GanDynamics.OptimalLinearCritic && (generator is IConditionalGenerator || critic is IConditionalDiscriminator))
            throw new ArgumentException($"The {dynamics} dynamics is not defined for class-conditional networks: use Alternating or Simultaneous.", nameof(critic));
        if (dynamics is GanDynamics.Unrolled or GanDynamics.OptimalLinearCritic && augmentation is not null)
            throw new ArgumentException($"DiffAugment is not applied by the {dynamics} dynamics: use Alternating or Simultaneous.", nameof(settings));
        switch (dynamics)
        {
            case GanDynamics.Simultaneous: return new SimultaneousDynamics();
            case GanDynamics.Alternating: return new AlternatingDynamics();
            case GanDynamics.Unrolled:
                if (critic is not IFunctionalDiscriminator)
                    throw new ArgumentException($"The unrolled dynamics needs a critic with a functional forward (IFunctionalDiscriminator: linear or MLP); got '{critic.Architecture}'.", nameof(critic));
                return new UnrolledDynamics();
            case GanDynamics.OptimalLinearCritic:
                if (critic is not ILinearInParameters || loss.Family != GanLossFamily.Wasserstein || !regularizers.OfType<L2Penalty>().Any())
                    throw new ArgumentException("The optimal-linear-critic dynamics needs a critic linear in its parameters (ILinearInParameters: linear, random-feature) and the Wasserstein loss with an ℓ2 regulariser (L2 > 0).", nameof(critic));
                return new OptimalLinearCriticDynamics();
            default:
                throw new ArgumentOutOfRangeException(nameof(dynamics), dynamics, "Unknown dynamics.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _core.Dispose();
        Ema?.Dispose();
    }
}
