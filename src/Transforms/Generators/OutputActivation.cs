namespace MlGan.Transforms.Generators;

/// <summary>The generator's last nonlinearity.</summary>
public enum OutputActivation
{
    /// <summary>No squashing: unbounded outputs (vector data such as mixtures).</summary>
    Linear,
    /// <summary>tanh: outputs in (−1, 1), for data scaled to [−1, 1] (images).</summary>
    Tanh,
}
