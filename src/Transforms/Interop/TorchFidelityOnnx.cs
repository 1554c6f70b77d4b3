using System.Globalization;
using MlGan.Transforms.Latent;
using MlGan.Transforms.Onnx;
using MlGan.Transforms.Onnx.Proto;
using DataType = MlGan.Transforms.Onnx.Proto.TensorProto.Types.DataType;

namespace MlGan.Transforms.Interop;

/// <summary>
/// An MlGan image generator as torch-fidelity's ONNX generative model (<c>fidelity --input1 G.onnx
/// --input1-model-z-size K --input1-model-z-type Z …</c>): torch-fidelity feeds the inputs by position, a float32 latent
/// [N, k] first (then, for class-conditional models, int64 labels [N]), and reads the first output as uint8 images
/// [N, 3, H, W]. This keeps the generator's graph and appends: samples mapped linearly from the generator's value range
/// to [0, 255], rounded (half to even, ONNX Round), clamped, grey replicated to three channels, cast to uint8. A uniform
/// latent on [−1, 1) is fed by torch-fidelity's <c>uniform_0_1</c> sampler, so the graph maps z ↦ 2z − 1 first.
/// </summary>
public static class TorchFidelityOnnx
{
    /// <summary>Metadata key that marks a model exported for torch-fidelity.</summary>
    public const string ContractKey = "mlgan.onnx_contract";
    /// <summary>Value of <see cref="ContractKey"/> in torch-fidelity exports.</summary>
    public const string ContractValue = "torch-fidelity";
    /// <summary>Metadata key of the <c>--input1-model-z-type</c> to give torch-fidelity (<c>normal</c> or <c>uniform_0_1</c>).</summary>
    public const string LatentTypeKey = "mlgan.torch_fidelity_z_type";
    /// <summary>Name of the latent input: torch-fidelity's z.</summary>
    public const string LatentInputName = "z";
    /// <summary>Name of the first output, the uint8 images.</summary>
    public const string ImagesOutputName = "images";

    /// <summary>torch-fidelity's name of the sampler that draws <paramref name="distribution"/> (after the graph's own map).</summary>
    public static string LatentType(LatentDistribution distribution) =>
        distribution == LatentDistribution.Gaussian ? "normal" : "uniform_0_1";

    /// <summary>
    /// The torch-fidelity form of <paramref name="generator"/> (an MlGan ONNX generator: latent input first, float
    /// samples [N, C, H, W] first output, mlgan.* metadata). Every other input is kept after the latent, in order (for
    /// a class-conditional generator, its int64 label input [N]).
    /// </summary>
    /// <param name="generator">The generator's ONNX model (not modified).</param>
    /// <param name="source">Names the model in error messages.</param>
    /// <exception cref="InvalidDataException">Not an image generator with 1 or 3 channels, an unbounded value range, or an opset below 13.</exception>
    public static ModelProto Build(ModelProto generator, string source)
    {
        Guard.NotNull(generator, nameof(generator));
        var model = generator.Clone();
        var graph = model.Graph;
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToArray();
        if (inputs.Length == 0 || graph.Output.Count == 0)
            throw new InvalidDataException($"'{source}': a generator needs a latent input and a sample output; this model has {inputs.Length} inputs and {graph.Output.Count} outputs.");
        var latent = inputs[0];
        var sample = graph.Output[0];
        long[] latentDims = OnnxGraphInterface.Dims(latent);
        if (latentDims.Length != 2)
            throw new InvalidDataException($"'{source}': the first input '{latent.Name}' must be the latent [N, k]; it has {latentDims.Length} dimensions.");
        var metadata = GeneratorMetadata.FromGraph(OnnxModelFile.Metadata(model), latentDims[1], OnnxGraphInterface.Dims(sample).Skip(1).ToArray(), source);
        long[] shape = metadata.OutputShape;
        if (shape.Length != 3 || (shape[0] != 1 && shape[0] != 3))
            throw new InvalidDataException($"'{source}': torch-fidelity takes images [N, 3, H, W]; this generator's samples are [{string.Join(", ", shape)}] (an image generator with 1 or 3 channels is needed).");
        if (metadata.ValueRange is not { } range)
            throw new InvalidDataException($"'{source}': the generator's value range is unbounded (metadata {GeneratorMetadata.ValueRangeKey}), so its samples cannot be mapped to 0–255; export a generator with a tanh output.");
        long opset = model.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain)).Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset < 13)
            throw new InvalidDataException($"'{source}' imports opset {opset}; the torch-fidelity form needs 13 or later.");

        var names = new NameSource(graph);
        // The latent: renamed to z; a uniform latent on [-1, 1) is drawn by torch-fidelity on [0, 1) and mapped here.
        string z = LatentInputName;
        if (names.Taken(z) && z != latent.Name)
            throw new InvalidDataException($"'{source}': the graph already has a value named '{z}'.");
        bool uniform = metadata.LatentDistribution == LatentDistribution.Uniform;
        string fedToGenerator = uniform ? names.Fresh("tf_latent") : z;
        foreach (var node in graph.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == latent.Name) node.Input[i] = fedToGenerator;
        latent.Name = z;
        if (uniform)
        {
            AddScalar(graph, names, out string two, 2f);
            AddScalar(graph, names, out string one, 1f);
            string doubled = names.Fresh("tf_latent_x2");
            graph.Node.Insert(0, Node("Mul", [z, two], doubled, names));
            graph.Node.Insert(1, Node("Sub", [doubled, one], fedToGenerator, names));
        }

        // Samples → uint8 images.
        AddScalar(graph, names, out string low, (float)range.Low);
        AddScalar(graph, names, out string scale, (float)(255.0 / (range.High - range.Low)));
        AddScalar(graph, names, out string zero, 0f);
        AddScalar(graph, names, out string top, 255f);
        string shifted = names.Fresh("tf_shifted"), scaled = names.Fresh("tf_scaled"), rounded = names.Fresh("tf_rounded"), clamped = names.Fresh("tf_clamped");
        graph.Node.Add(Node("Sub", [sample.Name, low], shifted, names));
        graph.Node.Add(Node("Mul", [shifted, scale], scaled, names));
        graph.Node.Add(Node("Round", [scaled], rounded, names));
        graph.Node.Add(Node("Clip", [rounded, zero, top], clamped, names));
        string rgb = clamped;
        if (shape[0] == 1)
        {
            rgb = names.Fresh("tf_rgb");
            string repeat = names.Fresh("tf_rgb_shape");
            graph.Initializer.Add(new TensorProto { Name = repeat, DataType = (int)DataType.Int64, Dims = { 4 }, Int64Data = { 1, 3, 1, 1 } });
            graph.Node.Add(Node("Expand", [clamped, repeat], rgb, names));
        }
        string images = ImagesOutputName;
        if (names.Taken(images))
            throw new InvalidDataException($"'{source}': the graph already has a value named '{images}'.");
        var cast = Node("Cast", [rgb], images, names);
        cast.Attribute.Add(OnnxAttribute.Int("to", (long)DataType.Uint8));
        graph.Node.Add(cast);

        graph.Output.RemoveAt(0);
        graph.Output.Insert(0, TensorValue(images, DataType.Uint8, -1, 3, shape[1], shape[2]));
        SetMetadata(model, ContractKey, ContractValue);
        SetMetadata(model, LatentTypeKey, LatentType(metadata.LatentDistribution));
        return model;
    }

    /// <summary>
    /// The <c>fidelity</c> command line that scores <paramref name="onnxPath"/> against <paramref name="input2"/>; a
    /// class-conditional generator (<paramref name="classCount"/> &gt; 0) gets <c>--input1-model-num-classes</c>, so
    /// torch-fidelity feeds it labels.
    /// </summary>
    public static string FidelityCommand(string onnxPath, int latentDimension, LatentDistribution distribution, string input2 = "cifar10-train", int classCount = 0) =>
        string.Create(CultureInfo.InvariantCulture,
            $"fidelity --gpu 0 --fid --isc --kid --input1 {onnxPath} --input1-model-z-size {latentDimension} --input1-model-z-type {LatentType(distribution)}{(classCount > 0 ? $" --input1-model-num-classes {classCount}" : "")} --input1-model-num-samples 50000 --input2 {input2}");

    private static void AddScalar(GraphProto graph, NameSource names, out string name, float value)
    {
        name = names.Fresh("tf_const");
        graph.Initializer.Add(new TensorProto { Name = name, DataType = (int)DataType.Float, FloatData = { value } });
    }

    private static NodeProto Node(string op, string[] inputs, string output, NameSource names) =>
        new() { OpType = op, Name = names.FreshNode("tf_" + op.ToLowerInvariant()), Input = { inputs }, Output = { output } };

    private static ValueInfoProto TensorValue(string name, DataType type, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = OnnxGraphBuilder.BatchDimension }
                                : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private static void SetMetadata(ModelProto model, string key, string value)
    {
        foreach (var existing in model.MetadataProps.Where(p => p.Key == key).ToArray()) model.MetadataProps.Remove(existing);
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>Value and node names not yet used in the graph.</summary>
    private sealed class NameSource(GraphProto graph)
    {
        private readonly HashSet<string> _values = graph.Initializer.Select(t => t.Name).Concat(graph.Input.Select(i => i.Name))
            .Concat(graph.Node.SelectMany(n => n.Output)).Concat(graph.Output.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        private readonly HashSet<string> _nodes = graph.Node.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);

        public bool Taken(string name) => _values.Contains(name);

        public string Fresh(string stem) => Claim(_values, stem);

        public string FreshNode(string stem) => Claim(_nodes, stem);

        private static string Claim(HashSet<string> used, string stem)
        {
            string name = stem;
            for (int i = 1; !used.Add(name); i++) name = $"{stem}_{i}";
            return name;
        }
    }
}
