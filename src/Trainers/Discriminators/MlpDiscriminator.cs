using MlGan.Transforms;
using MlGan.Transforms.Generators;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// Fully connected critic: flatten → [Linear(width) → LeakyReLU(0.2)] × hiddenLayers → Linear(1).
/// No batch norm, so the gradient penalty's per-sample input gradients stay independent.
/// </summary>
public sealed class MlpDiscriminator : DiscriminatorModule, IFunctionalDiscriminator, IFeatureDiscriminator
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> layers;

    /// <summary>An MLP critic with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputShape">Shape of one sample, non-empty with positive sizes (flattened on input).</param>
    /// <param name="width">Units of every hidden layer, ≥ 1.</param>
    /// <param name="hiddenLayers">Number of hidden Linear → LeakyReLU layers, ≥ 1. Default 2.</param>
    /// <param name="spectralNorm">Wrap every layer in <see cref="SpectralNorm"/> (then <see cref="Weights"/> is unavailable). Default false.</param>
    /// <param name="seed">Seed of the initial weights (and of the spectral-norm vectors). Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inputShape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public MlpDiscriminator(long[] inputShape, int width, int hiddenLayers = 2, bool spectralNorm = false, int seed = 0)
        : base(nameof(MlpDiscriminator), inputShape)
    {
        Guard.Positive(width, nameof(width));
        Guard.Positive(hiddenLayers, nameof(hiddenLayers));
        Width = width;
        layers = new ModuleList<nn.Module<Tensor, Tensor>>();
        long input = InputSize;
        for (int i = 0; i < hiddenLayers; i++, input = width) layers.Add(LayerFactory.Linear(input, width, spectralNorm, seed + i + 1));
        layers.Add(LayerFactory.Linear(input, 1, spectralNorm, seed + hiddenLayers + 1));
        RegisterComponents();
        NetworkInit.Reset(this, seed);
    }

    /// <summary>Units of every hidden layer (≥ 1).</summary>
    public int Width { get; }
    /// <summary><c>mlp</c>.</summary>
    public override string Architecture => "mlp";

    /// <summary>Samples x [N, ...InputShape] ↦ logits [N].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Head(Features(x)).MoveToOuterDisposeScope();
    }

    /// <summary>The last hidden layer's activations [N, Width].</summary>
    public long FeatureSize => Width;

    /// <summary>φ(x): the last hidden layer's activations [N, Width].</summary>
    public Tensor Features(Tensor x)
    {
        var h = x.reshape(x.shape[0], -1);
        for (int i = 0; i < layers.Count - 1; i++) h = F.leaky_relu(layers[i].forward(h), 0.2);
        return h;
    }

    /// <summary>The output layer on φ: [N].</summary>
    public Tensor Head(Tensor features) => layers[layers.Count - 1].forward(features).reshape(-1);

    /// <summary>Weight and bias of each Linear layer, input to output; spectrally normalised layers are not functional.</summary>
    public IReadOnlyList<Parameter> Weights => layers.Select(l => l is Linear lin
        ? new[] { lin.weight!, lin.bias! }
        : throw new NotSupportedException("The unrolled dynamics needs plain Linear layers; this MLP critic uses spectral normalisation.")).SelectMany(p => p).ToArray();

    /// <summary>The same network with <paramref name="weights"/> (ordered as <see cref="Weights"/>) in place of its own: [N].</summary>
    public Tensor Forward(Tensor x, IReadOnlyList<Tensor> weights)
    {
        var h = x.reshape(x.shape[0], -1);
        for (int i = 0; i < layers.Count; i++)
        {
            h = F.linear(h, weights[2 * i], weights[2 * i + 1]);
            if (i < layers.Count - 1) h = F.leaky_relu(h, 0.2);
        }
        return h.reshape(-1);
    }
}
