using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>Validation of feature sets shared by the metrics: messages name the argument, row and column at fault.</summary>
internal static class FeatureChecks
{
    /// <summary>Copies n × d rows into one row-major array after checking shape and finiteness.</summary>
    public static (float[] Flat, int Rows, int Columns) Flatten(float[][]? rows, string name, int minRows = 2)
    {
        if (rows is null) throw new ArgumentNullException(name);
        if (rows.Length < minRows)
            throw new ArgumentException($"{name} has {rows.Length} sample(s); at least {minRows} are needed.", name);
        int d = (rows[0] ?? throw new ArgumentException($"{name}[0] is null.", name)).Length;
        if (d == 0) throw new ArgumentException($"{name}[0] is empty; feature vectors need at least one dimension.", name);
        var flat = new float[(long)rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{name}[{i}] is null.", name);
            if (row.Length != d)
                throw new ArgumentException($"{name}[{i}] has {row.Length} values but {name}[0] has {d}; every row must have the same dimension.", name);
            for (int j = 0; j < d; j++)
                if (!float.IsFinite(row[j]))
                    throw new ArgumentException($"{name}[{i}][{j}] is {row[j]}; features must be finite.", name);
            Array.Copy(row, 0, flat, (long)i * d, d);
        }
        return (flat, rows.Length, d);
    }

    /// <summary>Checks a floating tensor of shape [n ≥ minRows, d ≥ 1] with finite entries.</summary>
    public static void CheckTensor(Tensor? t, string name, int minRows = 2)
    {
        if (t is null) throw new ArgumentNullException(name);
        if (t.dim() != 2) throw new ArgumentException($"{name} must be a 2-D tensor [samples, features]; got shape [{string.Join(", ", t.shape)}].", name);
        if (!is_floating_point(t)) throw new ArgumentException($"{name} must be a floating-point tensor; got {t.dtype}.", name);
        if (t.shape[0] < minRows) throw new ArgumentException($"{name} has {t.shape[0]} sample(s); at least {minRows} are needed.", name);
        if (t.shape[1] < 1) throw new ArgumentException($"{name} has no feature dimension (shape [{string.Join(", ", t.shape)}]).", name);
        using var scope = NewDisposeScope();
        var bad = isfinite(t).logical_not();
        if (bad.any().item<bool>())
        {
            var where = bad.nonzero()[0];
            long i = where[0].item<long>(), j = where[1].item<long>();
            throw new ArgumentException($"{name}[{i}, {j}] is {t[i, j].to(ScalarType.Float64).item<double>()}; features must be finite.", name);
        }
    }

    /// <summary>Both sets must share the feature dimension.</summary>
    public static void SameDimension(long d1, string name1, long d2, string name2)
    {
        if (d1 != d2)
            throw new ArgumentException($"Feature dimensions differ: {name1} has {d1} features per sample, {name2} has {d2}.", name2);
    }
}
