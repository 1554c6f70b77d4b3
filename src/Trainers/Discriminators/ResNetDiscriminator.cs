using MlGan.Transforms;
using MlGan.Transforms.Generators;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// Small ResNet critic of width k (WGAN-GP ResNet shape): Conv(C→k, 3) → two down-sampling residual blocks
/// (ReLU → Conv3×3 → ReLU → Conv3×3 → avg-pool 2, shortcut Conv1×1 → avg-pool 2) → ReLU → spatial mean → Linear(1).
/// </summary>
public sealed class ResNetDiscriminator : DiscriminatorModule, IFeatureDiscriminator
{
    private readonly nn.Module<Tensor, Tensor> stem, head;
    private readonly ModuleList<DownBlock> blocks;

    /// <summary>A ResNet critic with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="width">k, the filters of the stem and of every residual block, ≥ 1.</param>
    /// <param name="imageShape">[C, H, W] with H and W positive multiples of 4. Default [1, 28, 28].</param>
    /// <param name="spectralNorm">Wrap every layer in <see cref="SpectralNorm"/>. Default false.</param>
    /// <param name="seed">Seed of the initial weights (and of the spectral-norm vectors). Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public ResNetDiscriminator(int width, long[]? imageShape = null, bool spectralNorm = false, int seed = 0)
        : base(nameof(ResNetDiscriminator), ImageShape.Check(imageShape ?? ImageShape.Default, nameof(imageShape)))
    {
        Guard.Positive(width, nameof(width));
        Width = width;
        stem = LayerFactory.Conv(InputShape[0], width, 3, 1, 1, spectralNorm, seed + 1);
        blocks = new ModuleList<DownBlock>(new DownBlock(width, spectralNorm, seed + 10), new DownBlock(width, spectralNorm, seed + 20));
        head = LayerFactory.Linear(width, 1, spectralNorm, seed + 2);
        RegisterComponents();
        NetworkInit.Reset(this, seed);
    }

    /// <summary>k, the filters of the stem and of every residual block (≥ 1).</summary>
    public int Width { get; }
    /// <summary><c>resnet</c>.</summary>
    public override string Architecture => "resnet";

    /// <summary>Images x [N, C, H, W] ↦ logits [N].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Head(Features(x)).MoveToOuterDisposeScope();
    }

    /// <summary>k: the pooled channels.</summary>
    public long FeatureSize => Width;

    /// <summary>φ(x): ReLU of the last block, averaged over space [N, k] (Miyato &amp; Koyama's projection input).</summary>
    public Tensor Features(Tensor x)
    {
        var h = stem.forward(x);
        foreach (var block in blocks) h = block.forward(h);
        return F.relu(h).mean(new long[] { 2, 3 });
    }

    /// <summary>The output layer on φ: [N].</summary>
    public Tensor Head(Tensor features) => head.forward(features).reshape(-1);

    internal sealed class DownBlock : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> conv1, conv2, shortcut;

        public DownBlock(long channels, bool spectralNorm, int seed) : base(nameof(DownBlock))
        {
            conv1 = LayerFactory.Conv(channels, channels, 3, 1, 1, spectralNorm, seed + 1);
            conv2 = LayerFactory.Conv(channels, channels, 3, 1, 1, spectralNorm, seed + 2);
            shortcut = LayerFactory.Conv(channels, channels, 1, 1, 0, spectralNorm, seed + 3);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var h = conv2.forward(F.relu(conv1.forward(F.relu(x))));
            return F.avg_pool2d(h, 2) + F.avg_pool2d(shortcut.forward(x), 2);
        }
    }
}
