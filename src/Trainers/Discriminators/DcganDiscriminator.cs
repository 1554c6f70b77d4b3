using MlGan.Transforms;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// DCGAN critic of width k (Sajedi et al. 2021, Fig. 8, mirrored generator): Conv(C→k, 4, s2) → LReLU(0.2) →
/// Conv(k→2k, 4, s2) → LReLU → Conv(2k→4k, 3, s2) → LReLU → Linear(1). 28×28 → 14 → 7 → 4. No batch norm
/// (WGAN-GP penalises per-sample gradients, which batch norm would couple).
/// </summary>
public sealed class DcganDiscriminator : DiscriminatorModule, IFeatureDiscriminator
{
    private readonly nn.Module<Tensor, Tensor> conv1, conv2, conv3, head;

    /// <summary>A DCGAN critic with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="width">k, the filters of the first convolution (then 2k, 4k), ≥ 1.</param>
    /// <param name="imageShape">[C, H, W] with H and W positive multiples of 4. Default [1, 28, 28].</param>
    /// <param name="spectralNorm">Wrap every layer in <see cref="SpectralNorm"/>. Default false.</param>
    /// <param name="seed">Seed of the initial weights (and of the spectral-norm vectors). Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public DcganDiscriminator(int width, long[]? imageShape = null, bool spectralNorm = false, int seed = 0)
        : base(nameof(DcganDiscriminator), ImageShape.Check(imageShape ?? ImageShape.Default, nameof(imageShape)))
    {
        Guard.Positive(width, nameof(width));
        Width = width;
        conv1 = LayerFactory.Conv(InputShape[0], width, 4, 2, 1, spectralNorm, seed + 1);
        conv2 = LayerFactory.Conv(width, 2L * width, 4, 2, 1, spectralNorm, seed + 2);
        conv3 = LayerFactory.Conv(2L * width, 4L * width, 3, 2, 1, spectralNorm, seed + 3);
        long h = Out(Out(Out(InputShape[1], 4, 1), 4, 1), 3, 1), w = Out(Out(Out(InputShape[2], 4, 1), 4, 1), 3, 1);
        FeatureSize = 4L * width * h * w;
        head = LayerFactory.Linear(FeatureSize, 1, spectralNorm, seed + 4);
        RegisterComponents();
        NetworkInit.Reset(this, seed);
    }

    private static long Out(long size, long kernel, long padding) => (size + 2 * padding - kernel) / 2 + 1;

    /// <summary>k, the filters of the first convolution (≥ 1).</summary>
    public int Width { get; }
    /// <summary><c>dcgan</c>.</summary>
    public override string Architecture => "dcgan";

    /// <summary>Images x [N, C, H, W] ↦ logits [N].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Head(Features(x)).MoveToOuterDisposeScope();
    }

    /// <summary>4k·h·w: the flattened last convolution's size.</summary>
    public long FeatureSize { get; }

    /// <summary>φ(x): the last convolution's activations, flattened [N, 4k·h·w].</summary>
    public Tensor Features(Tensor x)
    {
        var h = F.leaky_relu(conv1.forward(x), 0.2);
        h = F.leaky_relu(conv2.forward(h), 0.2);
        h = F.leaky_relu(conv3.forward(h), 0.2);
        return h.reshape(h.shape[0], -1);
    }

    /// <summary>The output layer on φ: [N].</summary>
    public Tensor Head(Tensor features) => head.forward(features).reshape(-1);
}
