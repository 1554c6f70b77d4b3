using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.RandomFeature;

/// <summary>
/// The ℓ2-regularised WGAN objective of No et al. for random-feature networks, in closed form:
/// L(θ,η) = ηᵀ(EΨ(X) − EΨ(g_θ(Z))) − ½‖η‖², maximised by η* = r(θ) = EΨ(X) − EΨ(g_θ(Z)), giving
/// J(θ) = ½‖r(θ)‖². Gradients are analytic: ∇_θ ηᵀEΨ(g_θ(Z)) = E[Φ(Z)ᵀ v(Z)] with
/// v(z) = Aᵀ(η ⊙ σ′(A g_θ(z) + c)), so no autograd (and no per-sample loop) is needed.
/// </summary>
public sealed class RandomFeatureWganObjective
{
    /// <summary>Rows processed at once when averaging over large samples (bounds memory at ~ChunkRows·Ng floats).</summary>
    public const int ChunkRows = 2048;

    public RandomFeatureWganObjective(RandomFeatureGenerator generator, RandomFeatureDiscriminator discriminator)
    {
        Generator = generator;
        Discriminator = discriminator;
        if (discriminator.A.shape[1] != generator.Dimension)
            throw new ArgumentException($"The discriminator reads {discriminator.A.shape[1]}-vectors but the generator writes {generator.Dimension}-vectors.");
    }

    public RandomFeatureGenerator Generator { get; }
    public RandomFeatureDiscriminator Discriminator { get; }

    /// <summary>EΨ over the rows of <paramref name="x"/> [B, n], in chunks: [Nd].</summary>
    public Tensor MeanPsi(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var sum = zeros(Discriminator.Width, dtype: x.dtype);
        foreach (var chunk in x.split(ChunkRows)) sum.add_(Discriminator.Psi(chunk).sum(0, keepdim: false));
        return (sum / x.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>EΨ(g_θ(z)) over the latent rows <paramref name="z"/> [B, k], in chunks: [Nd].</summary>
    public Tensor MeanPsiOfGenerated(Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var sum = zeros(Discriminator.Width, dtype: z.dtype);
        foreach (var chunk in z.split(ChunkRows)) sum.add_(Discriminator.Psi(Generator.forward(chunk)).sum(0, keepdim: false));
        return (sum / z.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>r(θ) = EΨ(X) − EΨ(g_θ(Z)) (= the optimal η).</summary>
    public Tensor Residual(Tensor realMeanPsi, Tensor z)
    {
        using var scope = NewDisposeScope();
        return (realMeanPsi - MeanPsiOfGenerated(z)).MoveToOuterDisposeScope();
    }

    /// <summary>J(θ) = ½‖EΨ(X) − EΨ(g_θ(Z))‖² on the given (large, fixed) samples.</summary>
    public double J(Tensor realMeanPsi, Tensor z)
    {
        using var scope = NewDisposeScope();
        return 0.5 * Residual(realMeanPsi, z).square().sum().ToDouble();
    }

    /// <summary>L(θ, η) = ηᵀ(EΨ(X) − EΨ(g_θ(Z))) − ½‖η‖².</summary>
    public double L(Tensor eta, Tensor realMeanPsi, Tensor z)
    {
        using var scope = NewDisposeScope();
        var r = Residual(realMeanPsi, z);
        return (eta.dot(r) - 0.5 * eta.square().sum()).ToDouble();
    }

    /// <summary>
    /// ∇_θ of ηᵀ EΨ(g_θ(z)) over the rows of z: E[Φ(z)ᵀ v(z)], one [B·n]×[B·n, Ng−n] product for the
    /// random features and a mean of v for the constant (bias) features. ∇_θ L = −this.
    /// </summary>
    public Tensor GeneratedScoreGradient(Tensor eta, Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long batch = z.shape[0];
        var features = Generator.RandomFeatures(z);                         // [B, n, m]
        var generated = Generator.FromFeatures(features);                    // [B, n]
        var psi = Discriminator.Psi(generated);                             // [B, Nd]
        var v = (Discriminator.Activation.DerivativeFromValue(psi) * eta).matmul(Discriminator.A); // [B, n]
        var randomPart = v.reshape(1, -1).matmul(features.reshape(batch * Generator.Dimension, -1)).squeeze(0) / batch;
        var biasPart = v.mean(new long[] { 0 });
        return cat(new[] { biasPart, randomPart }).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ∂/∂θ EΨ(g_θ(z)) over the rows of z: [Nd, Ng]. Entry (j, i) is E[σ′_j · a_jᵀ φ_i(z)], built as the bias block
    /// E[σ′]·A and one [Nd, B·n]×[B·n, Ng−n] product for the random features. The Jacobian of r(θ) is −this.
    /// </summary>
    public Tensor GeneratedPsiJacobian(Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var sum = zeros(Discriminator.Width, Generator.Width, dtype: z.dtype);
        foreach (var chunk in z.split(ChunkRows)) sum.add_(GeneratedPsiJacobianSum(chunk));
        return (sum / z.shape[0]).MoveToOuterDisposeScope();
    }

    private Tensor GeneratedPsiJacobianSum(Tensor z)
    {
        long batch = z.shape[0];
        int n = Generator.Dimension;
        var features = Generator.RandomFeatures(z);                                        // [B, n, m]
        var slope = Discriminator.Activation.DerivativeFromValue(Discriminator.Psi(Generator.FromFeatures(features))); // [B, Nd]
        var a = Discriminator.A;                                                           // [Nd, n]
        var biasPart = slope.sum(0, keepdim: false).unsqueeze(1) * a;                      // [Nd, n]
        var weighted = (slope.t().unsqueeze(2) * a.unsqueeze(1)).reshape(a.shape[0], batch * n); // [Nd, B·n]
        var randomPart = weighted.matmul(features.reshape(batch * n, -1));                 // [Nd, m]
        return cat(new[] { biasPart, randomPart }, 1);
    }

    /// <summary>∇J(θ) = −E[Φᵀ v] with η = r(θ), on the same fixed samples as <see cref="J"/>.</summary>
    public Tensor GradientJ(Tensor realMeanPsi, Tensor z)
    {
        using var scope = NewDisposeScope();
        var r = Residual(realMeanPsi, z);
        var sum = zeros_like(Generator.Theta);
        foreach (var chunk in z.split(ChunkRows)) sum.add_(GeneratedScoreGradient(r, chunk) * chunk.shape[0]);
        return (-sum / z.shape[0]).MoveToOuterDisposeScope();
    }
}
