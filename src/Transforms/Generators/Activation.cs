using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>Sigmoidal activations of the random-feature networks (No et al., assumptions (AG), (AD)).</summary>
public enum Activation
{
    /// <summary>σ(x) = 1/(1 + e^−x), values in (0, 1).</summary>
    Sigmoid,
    /// <summary>tanh x, values in (−1, 1).</summary>
    Tanh,
}

internal static class ActivationFunctions
{
    public static Tensor Apply(this Activation a, Tensor x) => a switch
    {
        Activation.Sigmoid => x.sigmoid(),
        Activation.Tanh => x.tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
    };

    /// <summary>The activation applied in place: for fresh temporaries (an addmm output), saving one allocation and pass.</summary>
    public static Tensor ApplyInPlace(this Activation a, Tensor x) => a switch
    {
        Activation.Sigmoid => x.sigmoid_(),
        Activation.Tanh => x.tanh_(),
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
    };

    /// <summary>σ′ expressed through the activation value s = σ(x): s(1−s) for sigmoid, 1−s² for tanh.</summary>
    public static Tensor DerivativeFromValue(this Activation a, Tensor s) => a switch
    {
        Activation.Sigmoid => s * (1 - s),
        Activation.Tanh => 1 - s * s,
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Unknown activation."),
    };
}
