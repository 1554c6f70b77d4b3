using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// One input or output of a model as ONNX Runtime reports it: its name, element type (tensors only) and
/// dimensions, with the symbolic name of each dimension that has no fixed size.
/// </summary>
public sealed class OnnxValueDescription
{
    /// <summary>Describes a value from its name and ONNX Runtime's metadata.</summary>
    internal OnnxValueDescription(string name, NodeMetadata metadata)
    {
        Name = name;
        ElementType = metadata.IsTensor ? metadata.ElementDataType : null;
        long[] dims = metadata.IsTensor ? metadata.Dimensions.Select(d => (long)d).ToArray() : [];
        Dimensions = dims;
        SymbolicDimensions = Enumerable.Range(0, dims.Length)
            .Select(i => dims[i] < 0 && i < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[i] ?? "" : "").ToArray();
    }

    /// <summary>The graph's name for the value.</summary>
    public string Name { get; }

    /// <summary>The tensor's element type; null when the value is not a tensor (a sequence, a map, …).</summary>
    public TensorElementType? ElementType { get; }

    /// <summary>True when the value is a tensor.</summary>
    public bool IsTensor => ElementType is not null;

    /// <summary>True when the value is a tensor of 32-bit floats.</summary>
    public bool IsFloatTensor => ElementType == TensorElementType.Float;

    /// <summary>The tensor's rank; 0 for a non-tensor.</summary>
    public int Rank => Dimensions.Count;

    /// <summary>The size of each dimension; -1 where the size is symbolic or unknown.</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>For each dimension, its symbolic name (e.g. "N") where it has no fixed size, "" otherwise.</summary>
    public IReadOnlyList<string> SymbolicDimensions { get; }

    /// <summary>The shape as messages print it, e.g. "[N, 3]": fixed sizes, symbolic names, "?" for unnamed unknowns.</summary>
    public string ShapeText => "[" + string.Join(", ", Dimensions.Select((d, i) =>
        d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : SymbolicDimensions[i].Length > 0 ? SymbolicDimensions[i] : "?")) + "]";

    /// <summary>"a Float tensor of rank 2 [N, 3]", or "not a tensor": the wording of error messages.</summary>
    public override string ToString() => IsTensor ? $"a {ElementType} tensor of rank {Rank} {ShapeText}" : "not a tensor";
}
