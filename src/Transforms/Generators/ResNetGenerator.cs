using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Generators;

/// <summary>
/// A small ResNet generator of width k (the WGAN-GP ResNet shape, Gulrajani et al. 2017, as used by Sajedi
/// et al. 2021): z ↦ Linear → k×h×w (h = H/4) → two up-sampling residual blocks (k filters each) → BN → ReLU →
/// Conv(k→C, 3) → tanh. Block: BN → ReLU → nearest ×2 → Conv3×3 → BN → ReLU → Conv3×3, plus a shortcut
/// nearest ×2 → Conv1×1.
/// </summary>
public sealed class ResNetGenerator : GeneratorModule, IOnnxExportableGenerator
{
    private readonly Linear project;
    private readonly ModuleList<UpBlock> blocks;
    private readonly BatchNorm2d bnOut;
    private readonly Conv2d toImage;
    private readonly long h0, w0;

    /// <summary>A ResNet generator with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="latentDimension">k of the latent code z ∈ R^k, ≥ 1.</param>
    /// <param name="width">Filters of the projection and of every residual block, ≥ 1.</param>
    /// <param name="imageShape">[C, H, W] with H and W positive multiples of 4. Default [1, 28, 28].</param>
    /// <param name="seed">Seed of the initial weights. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public ResNetGenerator(int latentDimension, int width, long[]? imageShape = null, int seed = 0)
        : base(nameof(ResNetGenerator), latentDimension, ImageShape.Check(imageShape ?? ImageShape.Default, nameof(imageShape)))
    {
        Guard.Positive(width, nameof(width));
        Width = width;
        h0 = OutputShape[1] / 4;
        w0 = OutputShape[2] / 4;
        project = nn.Linear(latentDimension, width * h0 * w0);
        blocks = new ModuleList<UpBlock>(new UpBlock(width), new UpBlock(width));
        bnOut = nn.BatchNorm2d(width);
        toImage = nn.Conv2d(width, OutputShape[0], 3, padding: 1);
        RegisterComponents();
        NetworkInit.Reset(this, seed);
    }

    /// <summary>Filters of the projection and of every residual block (≥ 1).</summary>
    public int Width { get; }
    /// <summary><c>resnet</c>.</summary>
    public override string Architecture => "resnet";

    /// <summary>Latent codes z [N, k] ↦ images [N, C, H, W] in (−1, 1).</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = project.forward(z).view(-1, Width, h0, w0);
        foreach (var block in blocks) h = block.forward(h);
        return toImage.forward(F.relu(bnOut.forward(h))).tanh().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output)
    {
        string h = graph.Reshape(OnnxLayers.Linear(graph, "rn_proj", project, input), [-1, Width, h0, w0]);
        for (int i = 0; i < blocks.Count; i++) h = blocks[i].AppendOnnx(graph, $"rn_b{i}", h);
        h = graph.Relu(OnnxLayers.BatchNorm(graph, "rn_bnout", bnOut, h));
        graph.Tanh(OnnxLayers.Conv(graph, "rn_out", toImage, 1, 1, h), output: output);
    }

    /// <summary>Pre-activation residual block that doubles the spatial size.</summary>
    internal sealed class UpBlock : nn.Module<Tensor, Tensor>
    {
        private readonly BatchNorm2d bn1, bn2;
        private readonly Conv2d conv1, conv2, shortcut;

        public UpBlock(long channels) : base(nameof(UpBlock))
        {
            bn1 = nn.BatchNorm2d(channels);
            conv1 = nn.Conv2d(channels, channels, 3, padding: 1);
            bn2 = nn.BatchNorm2d(channels);
            conv2 = nn.Conv2d(channels, channels, 3, padding: 1);
            shortcut = nn.Conv2d(channels, channels, 1);
            RegisterComponents();
        }

        private static Tensor Up(Tensor x) =>
            F.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);

        public override Tensor forward(Tensor x)
        {
            var h = conv1.forward(Up(F.relu(bn1.forward(x))));
            h = conv2.forward(F.relu(bn2.forward(h)));
            return h + shortcut.forward(Up(x));
        }

        public string AppendOnnx(Onnx.OnnxGraphBuilder graph, string prefix, string x)
        {
            float[] scales = [1f, 1f, 2f, 2f];
            string h = graph.Relu(OnnxLayers.BatchNorm(graph, prefix + "_bn1", bn1, x));
            h = OnnxLayers.Conv(graph, prefix + "_c1", conv1, 1, 1, graph.Resize(h, scales));
            h = graph.Relu(OnnxLayers.BatchNorm(graph, prefix + "_bn2", bn2, h));
            h = OnnxLayers.Conv(graph, prefix + "_c2", conv2, 1, 1, h);
            string s = OnnxLayers.Conv(graph, prefix + "_sc", shortcut, 1, 0, graph.Resize(x, scales));
            return graph.Add(h, s);
        }
    }
}
