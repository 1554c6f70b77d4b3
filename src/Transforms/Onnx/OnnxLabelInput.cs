using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// Adapts a conditional generator graph's int64 label input [N] to ML.NET's label convention. ML.NET labels are
/// Single columns (ml.Gan().Data.FashionMnist's <c>Label</c> among them), OnnxTransformer binds a column only to an
/// input of its own element type, and it feeds a scalar column as [N, 1]; so the bound copy takes a float [N, 1]
/// input, casts it to int64 and flattens it to [N] in the graph (exact for class indices below 2^24). Exported files
/// and serving keep the int64 [N] input; <see cref="Restore"/> undoes the adaptation on a model read from a zip.
/// </summary>
internal static class OnnxLabelInput
{
    private const string CastNodeName = "mlgan_label_cast", FlattenNodeName = "mlgan_label_flatten", ShapeName = "mlgan_label_shape";

    /// <summary>A copy of <paramref name="model"/> whose label input <paramref name="label"/> is float [N, 1], cast and flattened inside.</summary>
    public static ModelProto AsFloat(ModelProto model, string label, string source)
    {
        var copy = model.Clone();
        var g = copy.Graph;
        var input = g.Input.SingleOrDefault(i => i.Name == label)
            ?? throw new InvalidDataException($"'{source}': the conditional generator has no label input '{label}'.");
        string cast = label + "__int64_2d", flat = label + "__int64";
        var taken = g.Node.SelectMany(n => n.Output).Concat(g.Initializer.Select(t => t.Name)).Concat(g.Input.Select(i => i.Name)).ToHashSet();
        foreach (var name in new[] { cast, flat, ShapeName })
            if (taken.Contains(name)) throw new InvalidDataException($"'{source}': cannot adapt the label input: the graph already has a value named '{name}'.");
        foreach (var node in g.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == label) node.Input[i] = flat;
        input.Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Float;
        input.Type.TensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        var shape = new TensorProto { Name = ShapeName, DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(1);
        shape.Int64Data.Add(-1);
        g.Initializer.Add(shape);
        var toInt = new NodeProto { OpType = "Cast", Name = CastNodeName, Input = { label }, Output = { cast } };
        toInt.Attribute.Add(OnnxAttribute.Int("to", (long)TensorProto.Types.DataType.Int64));
        g.Node.Insert(0, toInt);
        g.Node.Insert(1, new NodeProto { OpType = "Reshape", Name = FlattenNodeName, Input = { cast, ShapeName }, Output = { flat } });
        return copy;
    }

    /// <summary>
    /// Undoes <see cref="AsFloat"/> on a model read back from an ML.NET zip (its first nodes are the label adaptation):
    /// the int64 [N] label input again. Any other model is returned as it is.
    /// </summary>
    public static ModelProto Restore(ModelProto model)
    {
        var nodes = model.Graph.Node;
        if (nodes.Count < 2 || nodes[0].Name != CastNodeName || nodes[1].Name != FlattenNodeName) return model;
        var copy = model.Clone();
        var g = copy.Graph;
        string label = g.Node[0].Input[0], flat = g.Node[1].Output[0];
        g.Node.RemoveAt(1);
        g.Node.RemoveAt(0);
        g.Initializer.Remove(g.Initializer.Single(t => t.Name == ShapeName));
        foreach (var node in g.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == flat) node.Input[i] = label;
        var input = g.Input.Single(i => i.Name == label);
        input.Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Int64;
        input.Type.TensorType.Shape.Dim.RemoveAt(1);
        return copy;
    }
}
