namespace MlGan.Transforms.Latent;

/// <summary>The distribution latent codes z are drawn from.</summary>
public enum LatentDistribution
{
    /// <summary>Standard normal N(0, I).</summary>
    Gaussian,
    /// <summary>Uniform on [-1, 1] in each coordinate.</summary>
    Uniform,
}
