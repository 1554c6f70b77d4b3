using Microsoft.ML;
using MlGan.Trainers.Networks;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Trainers.Interop;

/// <summary>
/// A generator trained in PyTorch as an MlGan generator: the built-in network named by <see cref="Network"/> is built
/// with these sizes, the state_dict file is loaded into it (<see cref="PyTorchStateDicts.Load"/>), and the result is an
/// ONNX-backed <see cref="LoadedGenerator"/> carrying mlgan.* metadata (and <c>mlgan.source</c>), which ml.Model.Save
/// writes as a model zip that <c>mlgan export</c>, <c>mlgan info</c> and LoadGenerator read like a trained one.
/// </summary>
public sealed record PyTorchGeneratorImport
{
    /// <summary>Metadata key naming where the weights came from.</summary>
    public const string SourceKey = "mlgan.source";

    /// <summary>The built-in network: <c>dcgan</c>, <c>mlp</c> or <c>resnet</c> (any name <see cref="GanNetworks"/> knows whose generator exports to ONNX).</summary>
    public required string Network { get; init; }
    /// <summary>k, the latent dimension.</summary>
    public required int LatentDimension { get; init; }
    /// <summary>The network's width (DCGAN: filters of the last up-sampling stage; MLP: hidden units; ResNet: filters).</summary>
    public required int Width { get; init; }
    /// <summary>Shape of one sample: [C, H, W] for DCGAN and ResNet, any shape for an MLP.</summary>
    public required long[] SampleShape { get; init; }
    /// <summary>Hidden layers of an MLP generator. Default 2.</summary>
    public int HiddenLayers { get; init; } = 2;
    /// <summary>An MLP generator's last nonlinearity (DCGAN and ResNet end in tanh). Default tanh.</summary>
    public OutputActivation OutputActivation { get; init; } = OutputActivation.Tanh;
    /// <summary>What the latent codes are drawn from in the PyTorch training. Default Gaussian.</summary>
    public LatentDistribution LatentDistribution { get; init; } = LatentDistribution.Gaussian;
    /// <summary>How the file's parameter names map to MlGan's. Default: whichever fits.</summary>
    public PyTorchLayout Layout { get; init; } = PyTorchLayout.Auto;

    /// <summary>The network with the file's weights, in eval mode, and the layout the names matched.</summary>
    /// <exception cref="InvalidDataException">The file does not fit the network built from these sizes.</exception>
    public (GeneratorModule Generator, PyTorchLayout Layout) LoadNetwork(string weightsPath)
    {
        var (generator, critic) = GanNetworks.ByName(Network).Create(Spec());
        critic.Dispose();
        try
        {
            var layout = PyTorchStateDicts.Load(generator, weightsPath, Layout);
            generator.eval();
            return (generator, layout);
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports <paramref name="weightsPath"/> as a generator bound in <paramref name="ml"/> (latent column
    /// <paramref name="latentColumnName"/> → <paramref name="outputColumnName"/>).
    /// </summary>
    public LoadedGenerator Import(MLContext ml, string weightsPath, string outputColumnName = "Generated", string latentColumnName = GanDataCatalog.LatentColumn) =>
        Bind(ml, BuildOnnx(weightsPath), weightsPath, outputColumnName, latentColumnName);

    /// <summary>An imported generator's ONNX model (<see cref="BuildOnnx"/>) bound in <paramref name="ml"/>, as LoadGenerator binds a file.</summary>
    public static LoadedGenerator Bind(MLContext ml, ModelProto model, string source, string outputColumnName = "Generated", string latentColumnName = GanDataCatalog.LatentColumn)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        return new LoadedGenerator(ml, model, GeneratorMetadata.FromModel(model, source), latentColumnName, outputColumnName, source);
    }

    /// <summary>The imported generator's ONNX model (input "latent", output "sample", mlgan.* metadata and mlgan.source).</summary>
    public ModelProto BuildOnnx(string weightsPath)
    {
        var (generator, layout) = LoadNetwork(weightsPath);
        using (generator)
        {
            var spec = Spec();
            var metadata = new GeneratorMetadata(LatentDimension, LatentDistribution, SampleShape.ToArray(), generator.Architecture, null, null,
                GanNetworks.ByName(Network).OutputRange(spec));
            var model = GeneratorOnnx.Build(generator, metadata);
            model.MetadataProps.Add(new StringStringEntryProto
            {
                Key = SourceKey,
                Value = $"PyTorch state_dict {Path.GetFileName(weightsPath)} ({layout} names) imported by mlgan import-torch",
            });
            return model;
        }
    }

    private GanNetworkSpec Spec() => new()
    {
        LatentDimension = LatentDimension, SampleShape = SampleShape.ToArray(), Width = Width, HiddenLayers = HiddenLayers,
        SpectralNorm = false, OutputActivation = OutputActivation, Seed = 0,
    };
}
