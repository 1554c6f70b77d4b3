namespace MlGan.Transforms.Onnx;

/// <summary>A float tensor copied out of an ONNX Runtime result: its shape and its values in row-major order.</summary>
public sealed class OnnxFloatTensor
{
    /// <summary>Wraps a shape and its row-major values; their sizes must agree.</summary>
    public OnnxFloatTensor(long[] shape, float[] values)
    {
        Guard.NotNull(shape, nameof(shape));
        Guard.NotNull(values, nameof(values));
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Every dimension must be ≥ 0; got [{string.Join(", ", shape)}].", nameof(shape));
        long count = shape.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length)
            throw new ArgumentException($"The shape [{string.Join(", ", shape)}] holds {count} values; got {values.Length}.", nameof(values));
        Shape = shape;
        Values = values;
    }

    /// <summary>The tensor's dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>All values, row-major.</summary>
    public float[] Values { get; }

    /// <summary>
    /// One array per index of the leading (batch) dimension, each holding that item's trailing dimensions
    /// flattened: [N, C, H, W] → N arrays of C·H·W values.
    /// </summary>
    public float[][] Rows()
    {
        if (Shape.Length == 0) throw new InvalidOperationException("A scalar has no rows.");
        int rows = checked((int)Shape[0]);
        int size = rows == 0 ? 0 : Values.Length / rows;
        var result = new float[rows][];
        for (int n = 0; n < rows; n++) result[n] = Values.AsSpan(n * size, size).ToArray();
        return result;
    }
}
