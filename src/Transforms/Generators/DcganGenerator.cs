using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Generators;

/// <summary>
/// DCGAN generator with width k (Sajedi et al. 2021, App. D / Fig. 8: k sets the number of filters of every
/// layer). z ↦ Linear → 4k×h×w (h = H/4, w = W/4) → BN → ReLU → ConvT(4k→2k, 4, stride 2) → BN → ReLU →
/// ConvT(2k→k, 4, stride 2) → BN → ReLU → Conv(k→C, 3, stride 1) → tanh. Fig. 8's CIFAR net starts at 4×4 and
/// up-samples three times to 32×32; for 28×28 the projection starts at 7×7, so two up-samplings reach full size
/// and the last layer maps k filters to C channels without a third one.
/// </summary>
public sealed class DcganGenerator : GeneratorModule, IOnnxExportableGenerator
{
    private readonly Linear project;
    private readonly BatchNorm2d bn0, bn1, bn2;
    private readonly ConvTranspose2d up1, up2;
    private readonly Conv2d toImage;
    private readonly long h0, w0;

    /// <summary>A DCGAN generator with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="latentDimension">k of the latent code z ∈ R^k, ≥ 1.</param>
    /// <param name="width">Filters of the last up-sampling stage (the stages before have 4k and 2k), ≥ 1.</param>
    /// <param name="imageShape">[C, H, W] with H and W positive multiples of 4. Default [1, 28, 28].</param>
    /// <param name="seed">Seed of the initial weights. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public DcganGenerator(int latentDimension, int width, long[]? imageShape = null, int seed = 0)
        : base(nameof(DcganGenerator), latentDimension, ImageShape.Check(imageShape ?? ImageShape.Default, nameof(imageShape)))
    {
        Guard.Positive(width, nameof(width));
        Width = width;
        long c = OutputShape[0];
        h0 = OutputShape[1] / 4;
        w0 = OutputShape[2] / 4;
        project = nn.Linear(latentDimension, 4L * width * h0 * w0);
        bn0 = nn.BatchNorm2d(4L * width);
        up1 = nn.ConvTranspose2d(4L * width, 2L * width, 4, stride: 2, padding: 1);
        bn1 = nn.BatchNorm2d(2L * width);
        up2 = nn.ConvTranspose2d(2L * width, width, 4, stride: 2, padding: 1);
        bn2 = nn.BatchNorm2d(width);
        toImage = nn.Conv2d(width, c, 3, stride: 1, padding: 1);
        RegisterComponents();
        NetworkInit.Reset(this, seed);
    }

    /// <summary>k, the filter count of the last up-sampling stage (≥ 1).</summary>
    public int Width { get; }
    /// <summary><c>dcgan</c>.</summary>
    public override string Architecture => "dcgan";

    /// <summary>Latent codes z [N, k] ↦ images [N, C, H, W] in (−1, 1).</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = project.forward(z).view(-1, 4L * Width, h0, w0);
        h = F.relu(bn0.forward(h));
        h = F.relu(bn1.forward(up1.forward(h)));
        h = F.relu(bn2.forward(up2.forward(h)));
        return toImage.forward(h).tanh().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output)
    {
        string h = graph.Reshape(OnnxLayers.Linear(graph, "dc_proj", project, input), [-1, 4L * Width, h0, w0]);
        h = graph.Relu(OnnxLayers.BatchNorm(graph, "dc_bn0", bn0, h));
        h = graph.Relu(OnnxLayers.BatchNorm(graph, "dc_bn1", bn1, OnnxLayers.ConvTranspose(graph, "dc_up1", up1, 2, 1, h)));
        h = graph.Relu(OnnxLayers.BatchNorm(graph, "dc_bn2", bn2, OnnxLayers.ConvTranspose(graph, "dc_up2", up2, 2, 1, h)));
        graph.Tanh(OnnxLayers.Conv(graph, "dc_out", toImage, 1, 1, h), output: output);
    }
}
