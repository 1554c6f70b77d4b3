using System.Globalization;
using Google.Protobuf;
using MlGan.Transforms.Native;
using MlGan.Transforms.Onnx.Proto;
using TorchSharp;
using DataType = MlGan.Transforms.Onnx.Proto.TensorProto.Types.DataType;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// Builds an ONNX model (IR version 8, default operator domain) one node at a time. Every op helper
/// returns the name of the value it produces, so graphs read as nested calls:
/// <c>b.AddOutput(b.Tanh(b.Gemm(z, w, c), output: "x"), -1, 2)</c>. Value names are unique; helpers
/// invent names unless <c>output</c> forces one. <see cref="Build"/> checks that every node input is
/// defined before use and that every declared output is produced.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX IR version written (ONNX 1.10+, ONNX Runtime 1.10+).</summary>
    public const long IrVersion = 8;

    /// <summary>The symbolic name a dimension of -1 becomes in inputs and outputs: the batch size.</summary>
    public const string BatchDimension = "N";

    /// <summary>Opsets whose operator forms (ReduceSum axes as input, Resize with roi/scales) this builder writes.</summary>
    public const long MinOpset = 13, MaxOpset = 21;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _metadata = [];

    /// <summary>An empty graph.</summary>
    /// <param name="graphName">The graph's name, non-empty.</param>
    /// <param name="opset">Default-domain opset to import, in [<see cref="MinOpset"/>, <see cref="MaxOpset"/>]. Default 17.</param>
    /// <exception cref="ArgumentException"><paramref name="graphName"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opset"/> is out of range.</exception>
    public OnnxGraphBuilder(string graphName, long opset = 17)
    {
        if (string.IsNullOrWhiteSpace(graphName)) throw new ArgumentException("The graph needs a non-empty name.", nameof(graphName));
        if (opset < MinOpset || opset > MaxOpset)
            throw new ArgumentOutOfRangeException(nameof(opset), opset, $"opset must lie in [{MinOpset}, {MaxOpset}]; got {opset}.");
        _graph = new GraphProto { Name = graphName };
        Opset = opset;
    }

    /// <summary>The default-domain operator set version the model imports.</summary>
    public long Opset { get; }

    // ---------------------------------------------------------------- graph interface

    /// <summary>Declares a float graph input; a dimension of -1 is the symbolic batch dimension "N".</summary>
    public string AddInput(string name, params long[] dims) => AddInput(name, DataType.Float, dims);

    /// <summary>Declares a graph input of element type <paramref name="type"/> (e.g. int64 class labels); -1 is the batch dimension "N".</summary>
    public string AddInput(string name, DataType type, params long[] dims)
    {
        Claim(name, nameof(name));
        _graph.Input.Add(ValueInfo(name, dims, nameof(dims), type));
        return name;
    }

    /// <summary>Declares a float graph output (produced by some node); -1 is the symbolic batch dimension "N".</summary>
    public void AddOutput(string name, params long[] dims)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An output needs a non-empty name.", nameof(name));
        if (_graph.Output.Any(o => o.Name == name)) throw new ArgumentException($"Output '{name}' is already declared.", nameof(name));
        _graph.Output.Add(ValueInfo(name, dims, nameof(dims)));
    }

    /// <summary>A float initializer of shape <paramref name="dims"/> holding <paramref name="data"/> in row-major order.</summary>
    /// <returns><paramref name="name"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or taken, or the dims do not hold <c>data.Length</c> values.</exception>
    public string AddInitializer(string name, float[] data, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(data);
        var t = NewTensor(name, DataType.Float, data.Length, dims);
        t.FloatData.Add(data);
        Claim(name, nameof(name));
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>An int64 initializer of shape <paramref name="dims"/> (e.g. a shape or axes input) holding <paramref name="data"/>.</summary>
    /// <returns><paramref name="name"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or taken, or the dims do not hold <c>data.Length</c> values.</exception>
    public string AddInitializer(string name, long[] data, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(data);
        var t = NewTensor(name, DataType.Int64, data.Length, dims);
        t.Int64Data.Add(data);
        Claim(name, nameof(name));
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Copies a TorchSharp tensor (any device, converted to float32) into a float initializer of the same shape.</summary>
    public string AddInitializer(string name, torch.Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        TorchNative.EnsureAvailable();
        using var scope = torch.NewDisposeScope();
        var host = t.detach().cpu().to_type(torch.ScalarType.Float32).contiguous();
        return AddInitializer(name, host.data<float>().ToArray(), host.shape);
    }

    /// <summary>Sets (or replaces) a model metadata entry, e.g. "mlgan.latent_dimension".</summary>
    public void SetMetadata(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("A metadata key must be non-empty.", nameof(key));
        ArgumentNullException.ThrowIfNull(value);
        _metadata.RemoveAll(kv => kv.Key == key);
        _metadata.Add(new(key, value));
    }

    // ---------------------------------------------------------------- operators

    /// <summary>Y = alpha·op(A)·op(B) + beta·C, op = transpose when the flag is set; C broadcasts (e.g. a bias row).</summary>
    public string Gemm(string a, string b, string? c = null, bool transA = false, bool transB = false,
        float alpha = 1f, float beta = 1f, string? output = null)
    {
        string[] inputs = c is null ? [a, b] : [a, b, c];
        return Single("Gemm", inputs, output,
            OnnxAttribute.Float("alpha", alpha), OnnxAttribute.Float("beta", beta),
            OnnxAttribute.Int("transA", transA ? 1 : 0), OnnxAttribute.Int("transB", transB ? 1 : 0));
    }

    /// <summary>Matrix product A·B (NumPy <c>matmul</c> semantics).</summary>
    public string MatMul(string a, string b, string? output = null) => Single("MatMul", [a, b], output);
    /// <summary>Elementwise a + b with NumPy broadcasting.</summary>
    public string Add(string a, string b, string? output = null) => Single("Add", [a, b], output);
    /// <summary>Elementwise a · b with NumPy broadcasting.</summary>
    public string Mul(string a, string b, string? output = null) => Single("Mul", [a, b], output);
    /// <summary>Elementwise a − b with NumPy broadcasting.</summary>
    public string Sub(string a, string b, string? output = null) => Single("Sub", [a, b], output);
    /// <summary>max(x, 0) elementwise.</summary>
    public string Relu(string x, string? output = null) => Single("Relu", [x], output);
    /// <summary>tanh x elementwise.</summary>
    public string Tanh(string x, string? output = null) => Single("Tanh", [x], output);
    /// <summary>1/(1 + e^−x) elementwise.</summary>
    public string Sigmoid(string x, string? output = null) => Single("Sigmoid", [x], output);

    /// <summary>x for x ≥ 0, <paramref name="alpha"/>·x otherwise (PyTorch's negative_slope).</summary>
    public string LeakyRelu(string x, float alpha, string? output = null) =>
        Single("LeakyRelu", [x], output, OnnxAttribute.Float("alpha", alpha));

    /// <summary>Reshape to a constant shape; 0 copies the input's dimension, -1 is inferred (use -1 for the batch).</summary>
    public string Reshape(string x, long[] shape, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string s = AddInitializer(Fresh("shape"), shape, shape.Length);
        return Single("Reshape", [x, s], output);
    }

    /// <summary>Permutes the axes: output axis i is input axis <c>perm[i]</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="perm"/> is null.</exception>
    public string Transpose(string x, long[] perm, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(perm);
        return Single("Transpose", [x], output, OnnxAttribute.Ints("perm", perm));
    }

    /// <summary>Opset-13+ ReduceSum: the axes are an int64 input, not an attribute.</summary>
    public string ReduceSum(string x, long[] axes, bool keepDims, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length == 0) throw new ArgumentException("axes must name at least one axis (an empty list would mean 'all axes' or 'none' depending on noop_with_empty_axes).", nameof(axes));
        string ax = AddInitializer(Fresh("axes"), axes, axes.Length);
        return Single("ReduceSum", [x, ax], output, OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));
    }

    /// <summary>
    /// N-d convolution, weights [M, C/group, k...]. <paramref name="pads"/> is either one symmetric pad per spatial
    /// axis (PyTorch's <c>padding</c>) or ONNX's [begin..., end...]; the spatial rank is <c>strides.Length</c>.
    /// </summary>
    public string Conv(string x, string w, string? b, long[] strides, long[] pads, long[]? dilations = null,
        long group = 1, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(strides);
        if (group < 1) throw new ArgumentOutOfRangeException(nameof(group), group, $"group must be ≥ 1; got {group}.");
        var attrs = new List<AttributeProto>
        {
            OnnxAttribute.Ints("strides", CheckPositive(strides, nameof(strides))),
            OnnxAttribute.Ints("pads", OnnxPads(pads, strides.Length)),
            OnnxAttribute.Int("group", group),
        };
        if (dilations is not null) attrs.Add(OnnxAttribute.Ints("dilations", CheckRank(CheckPositive(dilations, nameof(dilations)), strides.Length, nameof(dilations))));
        string[] inputs = b is null ? [x, w] : [x, w, b];
        return Single("Conv", inputs, output, [.. attrs]);
    }

    /// <summary>
    /// Transposed convolution, weights [C, M, k...] (PyTorch's layout). Pads as in <see cref="Conv"/>;
    /// output size = stride·(in − 1) + outputPadding + k − padBegin − padEnd, as in PyTorch.
    /// </summary>
    public string ConvTranspose(string x, string w, string? b, long[] strides, long[] pads, long[]? outputPadding = null,
        string? output = null)
    {
        ArgumentNullException.ThrowIfNull(strides);
        var attrs = new List<AttributeProto>
        {
            OnnxAttribute.Ints("strides", CheckPositive(strides, nameof(strides))),
            OnnxAttribute.Ints("pads", OnnxPads(pads, strides.Length)),
        };
        if (outputPadding is not null)
        {
            CheckRank(outputPadding, strides.Length, nameof(outputPadding));
            for (int i = 0; i < outputPadding.Length; i++)
                if (outputPadding[i] < 0 || outputPadding[i] >= strides[i])
                    throw new ArgumentOutOfRangeException(nameof(outputPadding), outputPadding[i],
                        $"outputPadding[{i}] must lie in [0, stride − 1] = [0, {strides[i] - 1}]; got {outputPadding[i]}.");
            attrs.Add(OnnxAttribute.Ints("output_padding", outputPadding));
        }
        string[] inputs = b is null ? [x, w] : [x, w, b];
        return Single("ConvTranspose", inputs, output, [.. attrs]);
    }

    /// <summary>Inference-mode batch norm: (x − mean)/√(var + ε)·scale + bias per channel (axis 1).</summary>
    public string BatchNormalization(string x, string scale, string bias, string mean, string var, float epsilon,
        string? output = null)
    {
        if (!(epsilon > 0) || !float.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"epsilon must be a finite number > 0; got {epsilon}.");
        return Single("BatchNormalization", [x, scale, bias, mean, var], output, OnnxAttribute.Float("epsilon", epsilon));
    }

    /// <summary>
    /// Resize by constant <paramref name="scales"/>, one per input axis (e.g. [1, 1, 2, 2] for NCHW).
    /// "nearest" matches PyTorch's <c>interpolate(mode: nearest)</c> (asymmetric coordinates, floor);
    /// "linear" matches <c>interpolate(mode: bilinear, align_corners: false)</c> (half-pixel coordinates).
    /// </summary>
    public string Resize(string x, float[] scales, string mode = "nearest", string? output = null)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Length == 0 || scales.Any(s => !(s > 0) || !float.IsFinite(s)))
            throw new ArgumentOutOfRangeException(nameof(scales), $"scales must be one finite factor > 0 per input axis; got [{string.Join(", ", scales)}].");
        var attrs = mode switch
        {
            "nearest" => new[]
            {
                OnnxAttribute.String("mode", "nearest"),
                OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"),
                OnnxAttribute.String("nearest_mode", "floor"),
            },
            "linear" => new[]
            {
                OnnxAttribute.String("mode", "linear"),
                OnnxAttribute.String("coordinate_transformation_mode", "half_pixel"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be \"nearest\" or \"linear\"."),
        };
        string s = AddInitializer(Fresh("scales"), scales, scales.Length);
        // roi (input 1) is unused by these coordinate modes: the empty name marks an omitted optional input.
        return Single("Resize", [x, "", s], output, attrs);
    }

    /// <summary>A copy of x under a new name (e.g. to expose an input or initializer as a graph output).</summary>
    public string Identity(string x, string? output = null) => Single("Identity", [x], output);

    /// <summary>Rows of <paramref name="data"/> picked by the int64 <paramref name="indices"/> along <paramref name="axis"/> (an embedding lookup).</summary>
    public string Gather(string data, string indices, long axis = 0, string? output = null) =>
        Single("Gather", [data, indices], output, OnnxAttribute.Int("axis", axis));

    /// <summary><paramref name="x"/> converted to element type <paramref name="to"/>.</summary>
    public string Cast(string x, DataType to, string? output = null) =>
        Single("Cast", [x], output, OnnxAttribute.Int("to", (long)to));

    /// <summary>Joins <paramref name="inputs"/> along <paramref name="axis"/> (negative counts from the end); the result gets a fresh name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> is empty.</exception>
    public string Concat(long axis, params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("Concat needs at least one input.", nameof(inputs));
        return Single("Concat", inputs, null, OnnxAttribute.Int("axis", axis));
    }

    /// <summary>Concat with a forced output name.</summary>
    public string ConcatTo(string output, long axis, params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("Concat needs at least one input.", nameof(inputs));
        return Single("Concat", inputs, output, OnnxAttribute.Int("axis", axis));
    }

    /// <summary>Any default-domain operator. Outputs must be new names; an input of "" marks an omitted optional input. Returns <paramref name="outputs"/>.</summary>
    public string[] Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attrs)
    {
        if (string.IsNullOrWhiteSpace(opType)) throw new ArgumentException("opType must be non-empty.", nameof(opType));
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Length == 0) throw new ArgumentException("A node needs at least one output.", nameof(outputs));
        foreach (var i in inputs)
            if (i is null) throw new ArgumentException("Inputs may not be null (use \"\" for an omitted optional input).", nameof(inputs));
        foreach (var o in outputs) Claim(o, nameof(outputs));
        var node = new NodeProto { OpType = opType, Name = FreshNodeName(opType) };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        foreach (var a in attrs ?? []) node.Attribute.Add(Guard.NotNull(a, nameof(attrs)));
        _graph.Node.Add(node);
        return outputs;
    }

    // ---------------------------------------------------------------- model

    /// <summary>A fresh, validated model; the builder can keep growing afterwards.</summary>
    public ModelProto Build()
    {
        Validate();
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MlGan",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (k, v) in _metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
        return model;
    }

    /// <summary>The serialised bytes of <see cref="Build"/>, as written to a .onnx file.</summary>
    public byte[] ToBytes() => Build().ToByteArray();

    // ---------------------------------------------------------------- internals

    private string Single(string opType, string[] inputs, string? output, params AttributeProto[] attrs)
    {
        string name = output ?? Fresh(opType);
        Node(opType, inputs, [name], attrs);
        return name;
    }

    /// <summary>Topological sanity: inputs defined before use, outputs produced, no leftovers undeclared.</summary>
    private void Validate()
    {
        if (_graph.Output.Count == 0) throw new InvalidOperationException($"Graph '{_graph.Name}' declares no output; call AddOutput.");
        var defined = new HashSet<string>(_graph.Input.Select(i => i.Name).Concat(_graph.Initializer.Select(t => t.Name)), StringComparer.Ordinal);
        foreach (var node in _graph.Node)
        {
            foreach (var i in node.Input)
                if (i.Length > 0 && !defined.Contains(i))
                    throw new InvalidOperationException($"Node '{node.Name}' ({node.OpType}) reads '{i}', which no input, initializer or earlier node defines.");
            foreach (var o in node.Output) defined.Add(o);
        }
        foreach (var o in _graph.Output)
            if (!defined.Contains(o.Name))
                throw new InvalidOperationException($"Output '{o.Name}' is declared but no node produces it.");
    }

    private void Claim(string name, string param)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Value names must be non-empty.", param);
        if (!_values.Add(name)) throw new ArgumentException($"The value name '{name}' is already used in graph '{_graph.Name}'.", param);
    }

    private string Fresh(string stem)
    {
        for (int k = 0; ; k++)
        {
            string candidate = string.Create(CultureInfo.InvariantCulture, $"{stem}_{k}");
            if (!_values.Contains(candidate)) return candidate;
        }
    }

    private string FreshNodeName(string opType)
    {
        for (int k = _nodeNames.Count; ; k++)
        {
            string candidate = string.Create(CultureInfo.InvariantCulture, $"{opType}_node{k}");
            if (_nodeNames.Add(candidate)) return candidate;
        }
    }

    private static ValueInfoProto ValueInfo(string name, long[] dims, string param, DataType type = DataType.Float)
    {
        ArgumentNullException.ThrowIfNull(dims, param);
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            if (d == -1) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
            else if (d > 0) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
            else throw new ArgumentOutOfRangeException(param, d, $"Each dimension must be > 0, or -1 for the batch dimension; got {d}.");
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static TensorProto NewTensor(string name, DataType type, int count, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        long product = 1;
        foreach (var d in dims)
        {
            if (d < 0) throw new ArgumentOutOfRangeException(nameof(dims), d, $"Initializer dimensions must be ≥ 0; got {d}.");
            product *= d;
        }
        if (product != count)
            throw new ArgumentException($"Initializer '{name}' has {count} values but dims [{string.Join(", ", dims)}] hold {product}.", nameof(dims));
        var t = new TensorProto { Name = name, DataType = (int)type };
        t.Dims.Add(dims);
        return t;
    }

    private static long[] OnnxPads(long[] pads, int spatial)
    {
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Any(p => p < 0)) throw new ArgumentOutOfRangeException(nameof(pads), $"pads must be ≥ 0; got [{string.Join(", ", pads)}].");
        if (pads.Length == spatial) return [.. pads, .. pads];
        if (pads.Length == 2 * spatial) return pads;
        throw new ArgumentException($"pads must have one entry per spatial axis ({spatial}) or ONNX's begin/end form ({2 * spatial}); got {pads.Length}.", nameof(pads));
    }

    private static long[] CheckPositive(long[] values, string param)
    {
        if (values.Length == 0 || values.Any(v => v < 1))
            throw new ArgumentOutOfRangeException(param, $"{param} must be one integer ≥ 1 per spatial axis; got [{string.Join(", ", values)}].");
        return values;
    }

    private static long[] CheckRank(long[] values, int spatial, string param)
    {
        if (values.Length != spatial)
            throw new ArgumentException($"{param} must have one entry per spatial axis ({spatial}); got {values.Length}.", param);
        return values;
    }
}
