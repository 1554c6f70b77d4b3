using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>
/// A generator network z ∈ R^k ↦ sample. Every architecture (random-feature, V·ReLU(Wz), MLP, DCGAN,
/// ResNet) derives from this, so the transformer, checkpoints and ONNX export treat them alike. ONNX export needs
/// <see cref="IOnnxExportableGenerator"/> as well (all built-ins have it); <see cref="Wrap"/> adapts any TorchSharp module.
/// </summary>
public abstract class GeneratorModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Loads libtorch (see <see cref="Native.TorchNative.Gate"/>) and records the generator's shapes.</summary>
    /// <param name="name">The TorchSharp module name.</param>
    /// <param name="latentDimension">k, the length of a latent code, ≥ 1.</param>
    /// <param name="outputShape">Shape of one sample; kept as given (subclasses pass a checked copy).</param>
    /// <exception cref="Native.TorchNativeException">libtorch cannot be loaded.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="latentDimension"/> &lt; 1.</exception>
    protected GeneratorModule(string name, int latentDimension, long[] outputShape) : base(Native.TorchNative.Gate(name))
    {
        Guard.Positive(latentDimension, nameof(latentDimension));
        LatentDimension = latentDimension;
        OutputShape = outputShape;
    }

    /// <summary>k, the length of a latent code.</summary>
    public int LatentDimension { get; }

    /// <summary>Shape of one sample: [n] for vectors, [C, H, W] for images.</summary>
    public long[] OutputShape { get; }

    /// <summary>Number of floats in one sample.</summary>
    public int OutputSize => checked((int)OutputShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Short architecture name written into checkpoints and ONNX metadata.</summary>
    public abstract string Architecture { get; }

    /// <summary>
    /// A user's TorchSharp module z [N, k] ↦ samples [N, ...outputShape] as an MlGan generator (named
    /// <paramref name="architecture"/> in checkpoints and metadata). It trains and generates; ONNX export needs a
    /// <see cref="GeneratorModule"/> subclass that also implements <see cref="IOnnxExportableGenerator"/>.
    /// </summary>
    public static GeneratorModule Wrap(nn.Module<Tensor, Tensor> module, int latentDimension, long[] outputShape, string architecture = "custom") =>
        new ModuleGenerator(module, latentDimension, outputShape, architecture);
}
