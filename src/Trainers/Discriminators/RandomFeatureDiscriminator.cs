using MlGan.Transforms;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// No et al.'s discriminator f_η(x) = ηᵀΨ(x), ψ_j(x) = σ(a_jᵀx + b_j) with (a_j, b_j) Gaussian and
/// frozen; only η ∈ R^{Nd} trains. Ψ is stored as A [Nd, n] and c [Nd]. A critic linear in its parameters
/// (<see cref="ILinearInParameters"/>), like the general engine's linear critic: both share <see cref="LinearCritic"/>'s optimum.
/// </summary>
public sealed class RandomFeatureDiscriminator : DiscriminatorModule, ILinearInParameters
{
    private readonly Parameter eta;
    private readonly Parameter featureWeight;
    private readonly Parameter featureBias;

    /// <summary>Draws A, c and η, in that order, from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inputDimension">n, the data dimension, ≥ 1.</param>
    /// <param name="width">Nd, the number of features, ≥ 1.</param>
    /// <param name="activation">σ, the feature activation.</param>
    /// <param name="weightScale">Standard deviation of the entries of A and of c, finite, &gt; 0.</param>
    /// <param name="etaScale">Standard deviation of η's initial entries, finite, ≥ 0 (0: η starts at zero).</param>
    /// <param name="seed">Seed of A, c and η.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or scale is out of range.</exception>
    public RandomFeatureDiscriminator(int inputDimension, int width, Activation activation, double weightScale, double etaScale, int seed)
        : base(nameof(RandomFeatureDiscriminator), [CheckDimension(inputDimension)])
    {
        Guard.Positive(width, nameof(width));
        Guard.Positive(weightScale, nameof(weightScale));
        Guard.NonNegative(etaScale, nameof(etaScale));
        Activation = activation;
        var gen = new Generator(unchecked((ulong)seed));
        featureWeight = new Parameter(randn(width, inputDimension, generator: gen) * weightScale, requires_grad: false);
        featureBias = new Parameter(randn(width, generator: gen) * weightScale, requires_grad: false);
        eta = new Parameter(randn(width, generator: gen) * etaScale, requires_grad: true);
        RegisterComponents();
    }

    /// <summary>σ, the activation of the features.</summary>
    public Activation Activation { get; }
    /// <summary>Nd, the number of features.</summary>
    public int Width => (int)eta.shape[0];
    /// <summary>η [Nd], the trained coefficients.</summary>
    public Parameter Eta => eta;
    /// <summary>A: row j is a_j.</summary>
    public Tensor A => featureWeight;
    /// <summary>c [Nd]: entry j is the frozen bias b_j.</summary>
    public Tensor C => featureBias;

    /// <summary>Ψ(x) for a batch: [B, Nd].</summary>
    public Tensor Psi(Tensor x) => Activation.Apply(torch.addmm(featureBias, x, featureWeight.t(), 1, 1));

    /// <summary>f_η(x) = Ψ(x)η: [B].</summary>
    public override Tensor forward(Tensor x) => Psi(x).matmul(eta);

    /// <inheritdoc />
    public override string Architecture => "random-feature";

    /// <summary>Ψ(x) (the <see cref="ILinearInParameters"/> view).</summary>
    public Tensor Features(Tensor x) => Psi(x);

    /// <summary>η (the <see cref="ILinearInParameters"/> view).</summary>
    public Parameter Coefficients => eta;

    private static long CheckDimension(int inputDimension)
    {
        Guard.Positive(inputDimension, nameof(inputDimension));
        return inputDimension;
    }
}
