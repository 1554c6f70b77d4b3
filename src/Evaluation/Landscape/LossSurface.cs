using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation.Landscape;

/// <summary>A loss evaluated on a grid over the plane center + a·d₁ + b·d₂, for contour plots.</summary>
public sealed record LossSurface(double[] A, double[] B, double[,] Values)
{
    /// <summary>
    /// Evaluates <paramref name="loss"/> at center + a·d₁ + b·d₂ for a, b on a uniform grid over [−span, span]
    /// (<paramref name="resolution"/> points per axis). The loss receives the parameter vector and must not keep it.
    /// </summary>
    public static LossSurface OnPlane(Func<Tensor, double> loss, Tensor center, Tensor direction1, Tensor direction2,
        double span = 1.0, int resolution = 41)
    {
        Guard.Positive(span, nameof(span));
        Guard.AtLeast(resolution, 2, nameof(resolution));
        if (!center.shape.SequenceEqual(direction1.shape) || !center.shape.SequenceEqual(direction2.shape))
            throw new ArgumentException("center and both directions must have the same shape.", nameof(direction2));
        var axis = Enumerable.Range(0, resolution).Select(i => -span + 2 * span * i / (resolution - 1)).ToArray();
        var values = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                using var scope = NewDisposeScope();
                values[i, j] = loss(center + axis[i] * direction1 + axis[j] * direction2);
            }
        return new LossSurface(axis, (double[])axis.Clone(), values);
    }
}
