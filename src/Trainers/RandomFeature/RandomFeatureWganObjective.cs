using MlGan.Trainers.Discriminators;
using MlGan.Transforms;
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
    /// <summary>
    /// Floats in one chunk's [rows, n, Ng − n] feature block (4 MB of float32). Every pass over latents works on
    /// blocks this size: they stay in cache between the activation and the products that consume them, and stay
    /// under glibc's mmap threshold so no step pays for fresh zeroed pages. Whole-batch blocks (40 MB at the
    /// Fig. 4 setting with batch 1000) made a step 5× slower, mostly in page faults (benchmarks/rfwgan).
    /// </summary>
    public const int FeatureBlockFloats = 1 << 20;

    /// <summary>The objective of <paramref name="generator"/> against <paramref name="discriminator"/>; both are used, not copied.</summary>
    /// <param name="generator">g_θ; its output dimension n must be the critic's input dimension.</param>
    /// <param name="discriminator">f_η = ηᵀΨ.</param>
    /// <param name="featureBlockFloats">Chunk size in floats, ≥ 1 (default <see cref="FeatureBlockFloats"/>); results do not depend on it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureBlockFloats"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The critic's input dimension differs from the generator's output dimension.</exception>
    public RandomFeatureWganObjective(RandomFeatureGenerator generator, RandomFeatureDiscriminator discriminator,
        int featureBlockFloats = FeatureBlockFloats)
    {
        Guard.Positive(featureBlockFloats, nameof(featureBlockFloats));
        Generator = generator;
        Discriminator = discriminator;
        if (discriminator.A.shape[1] != generator.Dimension)
            throw new ArgumentException($"The discriminator reads {discriminator.A.shape[1]}-vectors but the generator writes {generator.Dimension}-vectors.");
        LatentChunkRows = Math.Clamp(featureBlockFloats / (generator.Dimension * (generator.Width - generator.Dimension)), 1, 4096);
        DataChunkRows = Math.Clamp(featureBlockFloats / discriminator.Width, 1, 4096);
    }

    /// <summary>g_θ, whose θ the steps update.</summary>
    public RandomFeatureGenerator Generator { get; }
    /// <summary>f_η = ηᵀΨ, whose η the steps update.</summary>
    public RandomFeatureDiscriminator Discriminator { get; }
    /// <summary>Latent rows per chunk: one chunk's generator features hold about <see cref="FeatureBlockFloats"/> floats.</summary>
    public int LatentChunkRows { get; }
    /// <summary>Data rows per chunk: one chunk's Ψ block [rows, Nd] holds about <see cref="FeatureBlockFloats"/> floats.</summary>
    public int DataChunkRows { get; }

    /// <summary>EΨ over the rows of <paramref name="x"/> [B, n], in chunks: [Nd].</summary>
    public Tensor MeanPsi(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var sum = zeros(Discriminator.Width, dtype: x.dtype);
        foreach (var chunk in x.split(DataChunkRows))
        {
            using var chunkScope = NewDisposeScope();
            sum.add_(Discriminator.Psi(chunk).sum(0, keepdim: false));
        }
        return (sum / x.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>EΨ(g_θ(z)) over the latent rows <paramref name="z"/> [B, k], in chunks: [Nd].</summary>
    public Tensor MeanPsiOfGenerated(Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var sum = zeros(Discriminator.Width, dtype: z.dtype);
        foreach (var chunk in z.split(LatentChunkRows))
        {
            using var chunkScope = NewDisposeScope();
            sum.add_(Discriminator.Psi(Generator.forward(chunk)).sum(0, keepdim: false));
        }
        return (sum / z.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>r(θ) = EΨ(X) − EΨ(g_θ(Z)) (= the optimal η).</summary>
    public Tensor Residual(Tensor realMeanPsi, Tensor z)
    {
        using var scope = NewDisposeScope();
        return LinearCritic.OptimalCoefficients(realMeanPsi, MeanPsiOfGenerated(z), 1).MoveToOuterDisposeScope();
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
    /// ∇_θ of ηᵀ EΨ(g_θ(z)) over the rows of z: E[Φ(z)ᵀ v(z)] with v(z) = Aᵀ(η ⊙ σ′(A g_θ(z) + c)), per chunk one
    /// [1, rows·n]×[rows·n, Ng−n] product for the random features and a sum of v for the constant (bias) features.
    /// ∇_θ L = −this.
    /// </summary>
    public Tensor GeneratedScoreGradient(Tensor eta, Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int n = Generator.Dimension;
        var biasPart = zeros(1, n, dtype: z.dtype);
        var randomPart = zeros(1, Generator.Width - n, dtype: z.dtype);
        foreach (var chunk in z.split(LatentChunkRows))
        {
            using var chunkScope = NewDisposeScope();
            long rows = chunk.shape[0];
            var features = Generator.RandomFeatures(chunk);                              // [rows, n, m]
            var psi = Discriminator.Psi(Generator.FromFeatures(features));                // [rows, Nd]
            var v = Discriminator.Activation.DerivativeFromValue(psi).mul_(eta).matmul(Discriminator.A); // [rows, n]
            biasPart.add_(v.sum(0, keepdim: true));
            randomPart.addmm_(v.reshape(1, rows * n), features.view(rows * n, -1));
        }
        return (cat(new[] { biasPart, randomPart }, 1).squeeze(0) / z.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ∂/∂θ EΨ(g_θ(z)) over the rows of z: [Nd, Ng]. Entry (j, i) is E[σ′_j · a_jᵀ φ_i(z)], built as the bias block
    /// E[σ′]·A and, per chunk, one [Nd, rows·n]×[rows·n, Ng−n] product accumulated in place. The Jacobian of r(θ) is −this.
    /// </summary>
    public Tensor GeneratedPsiJacobian(Tensor z)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int n = Generator.Dimension;
        var a = Discriminator.A;                                                           // [Nd, n]
        var slopeSum = zeros(Discriminator.Width, dtype: z.dtype);
        var randomPart = zeros(Discriminator.Width, Generator.Width - n, dtype: z.dtype);
        foreach (var chunk in z.split(LatentChunkRows))
        {
            using var chunkScope = NewDisposeScope();
            long rows = chunk.shape[0];
            var features = Generator.RandomFeatures(chunk);                                 // [rows, n, m]
            var slope = Discriminator.Activation.DerivativeFromValue(Discriminator.Psi(Generator.FromFeatures(features))); // [rows, Nd]
            slopeSum.add_(slope.sum(0, keepdim: false));
            var weighted = (slope.t().unsqueeze(2) * a.unsqueeze(1)).reshape(a.shape[0], rows * n); // [Nd, rows·n]
            randomPart.addmm_(weighted, features.view(rows * n, -1));
        }
        var biasPart = slopeSum.unsqueeze(1) * a;                                           // [Nd, n]
        return (cat(new[] { biasPart, randomPart }, 1) / z.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>∇J(θ) = −E[Φᵀ v] with η = r(θ), on the same fixed samples as <see cref="J"/>.</summary>
    public Tensor GradientJ(Tensor realMeanPsi, Tensor z)
    {
        using var scope = NewDisposeScope();
        var r = Residual(realMeanPsi, z);
        return GeneratedScoreGradient(r, z).neg_().MoveToOuterDisposeScope();
    }
}
