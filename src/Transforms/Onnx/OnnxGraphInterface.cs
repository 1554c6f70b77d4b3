using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// A generator graph's interface: its latent input, for a class-conditional generator its int64 label input, and
/// its one output; their shapes, and renaming them.
/// </summary>
public static class OnnxGraphInterface
{
    /// <summary>
    /// The latent input (the one non-int64 real input; initializers listed as inputs are skipped) and the single
    /// output. A conditional generator's int64 label input is allowed beside it (see <see cref="Label"/>).
    /// </summary>
    public static (ValueInfoProto Input, ValueInfoProto Output) Single(ModelProto model, string source)
    {
        Guard.NotNull(model, nameof(model));
        var all = RealInputs(model);
        var labels = all.Where(IsInt64).ToArray();
        var inputs = all.Where(i => !IsInt64(i)).ToArray();
        if (inputs.Length != 1 || labels.Length > 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one input, the latent [N, k] (a conditional one adds an int64 label input [N]); " +
                $"this model has {all.Length}: {string.Join(", ", all.Select(i => i.Name))}.");
        if (model.Graph.Output.Count != 1)
            throw new InvalidDataException($"'{source}': a generator has exactly one output (the samples); this model has {model.Graph.Output.Count}: {string.Join(", ", model.Graph.Output.Select(o => o.Name))}.");
        return (inputs[0], model.Graph.Output[0]);
    }

    /// <summary>The int64 class-label input [N] of a conditional generator; null for an unconditional one.</summary>
    public static ValueInfoProto? Label(ModelProto model)
    {
        Guard.NotNull(model, nameof(model));
        return RealInputs(model).SingleOrDefault(IsInt64);
    }

    private static ValueInfoProto[] RealInputs(ModelProto model)
    {
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Input.Where(i => !initializers.Contains(i.Name)).ToArray();
    }

    private static bool IsInt64(ValueInfoProto value) => value.Type?.TensorType?.ElemType == (int)TensorProto.Types.DataType.Int64;

    /// <summary>Dimensions of a tensor value: the static size, or -1 for a symbolic or unknown one.</summary>
    public static long[] Dims(ValueInfoProto value) =>
        value.Type?.TensorType?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L).ToArray() ?? [];

    /// <summary>
    /// A copy of <paramref name="model"/> whose input and output are named <paramref name="input"/> and
    /// <paramref name="output"/> (every node reference follows), and the label input of a conditional generator
    /// <paramref name="label"/> (default <c>label</c>); a new name already used inside the graph → InvalidDataException.
    /// </summary>
    public static ModelProto Rename(ModelProto model, string input, string output, string source = "<model>", string label = GeneratorTransformer.OnnxLabelInputName)
    {
        if (string.IsNullOrWhiteSpace(input)) throw new ArgumentException("The input name must be non-empty.", nameof(input));
        if (string.IsNullOrWhiteSpace(output)) throw new ArgumentException("The output name must be non-empty.", nameof(output));
        if (input == output) throw new ArgumentException($"Input and output must have different names; both are '{input}'.", nameof(output));
        var copy = model.Clone();
        var (oldIn, oldOut) = Single(copy, source);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (oldIn.Name != input) map[oldIn.Name] = input;
        if (oldOut.Name != output) map[oldOut.Name] = output;
        if (Label(copy) is { } oldLabel && oldLabel.Name != label)
        {
            if (string.IsNullOrWhiteSpace(label) || label == input || label == output)
                throw new ArgumentException($"The label input needs a non-empty name distinct from the latent and output names; got '{label}'.", nameof(label));
            map[oldLabel.Name] = label;
        }
        if (map.Count == 0) return copy;
        var g = copy.Graph;
        var used = g.Initializer.Select(t => t.Name).Concat(g.Node.SelectMany(n => n.Output)).Concat(g.Input.Select(i => i.Name))
            .Concat(g.ValueInfo.Select(v => v.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var (from, to) in map)
            if (used.Contains(to) && !map.ContainsKey(to))
                throw new InvalidDataException($"'{source}': cannot rename '{from}' to '{to}': the graph already has a value named '{to}'.");
        string R(string name) => map.TryGetValue(name, out var n) ? n : name;
        foreach (var node in g.Node)
        {
            for (int i = 0; i < node.Input.Count; i++) node.Input[i] = R(node.Input[i]);
            for (int i = 0; i < node.Output.Count; i++) node.Output[i] = R(node.Output[i]);
        }
        foreach (var v in g.Input.Concat(g.Output).Concat(g.ValueInfo)) v.Name = R(v.Name);
        return copy;
    }
}
