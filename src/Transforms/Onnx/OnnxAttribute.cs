using Google.Protobuf;
using MlGan.Transforms.Onnx.Proto;
using AttrType = MlGan.Transforms.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace MlGan.Transforms.Onnx;

/// <summary>
/// Typed constructors for ONNX node attributes. Each sets <c>type</c>: under proto3 a zero value is not
/// written, so readers tell "i = 0" from "absent" by the type discriminator alone.
/// </summary>
public static class OnnxAttribute
{
    /// <summary>An INT attribute.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = CheckName(name), Type = AttrType.Int, I = value };

    /// <summary>A FLOAT attribute.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static AttributeProto Float(string name, float value) =>
        new() { Name = CheckName(name), Type = AttrType.Float, F = value };

    /// <summary>A STRING attribute holding <paramref name="value"/> as UTF-8.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static AttributeProto String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new() { Name = CheckName(name), Type = AttrType.String, S = ByteString.CopyFromUtf8(value) };
    }

    /// <summary>An INTS attribute holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static AttributeProto Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = new AttributeProto { Name = CheckName(name), Type = AttrType.Ints };
        a.Ints.Add(values);
        return a;
    }

    /// <summary>A FLOATS attribute holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static AttributeProto Floats(string name, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = new AttributeProto { Name = CheckName(name), Type = AttrType.Floats };
        a.Floats.Add(values);
        return a;
    }

    /// <summary>A TENSOR attribute (e.g. a Constant node's <c>value</c>); the tensor is referenced, not copied.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static AttributeProto Tensor(string name, TensorProto value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new() { Name = CheckName(name), Type = AttrType.Tensor, T = value };
    }

    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An ONNX attribute needs a non-empty name.", nameof(name));
        return name;
    }
}
