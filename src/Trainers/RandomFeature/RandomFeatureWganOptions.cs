using MlGan.Transforms.Training;
using MlGan.Transforms;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;

namespace MlGan.Trainers.RandomFeature;

/// <summary>How θ is updated.</summary>
public enum RandomFeatureDynamics
{
    /// <summary>The paper's SGDA: η ← Ψ(Xᵗ) − Ψ(g_θ(Z₁ᵗ)) (ascent step 1), then a θ step along D_θΨ(g_θ(Z₂ᵗ))ᵀη, independent Z₁, Z₂.</summary>
    Sgda,
    /// <summary>
    /// Gradient descent on the exact J(θ): the critic, linear in its parameters, sits at its closed-form optimum
    /// η* = r(θ) = EΨ(X) − EΨ(g_θ(Z)) on fixed samples (<see cref="Discriminators.LinearCritic"/> with λ = 1).
    /// </summary>
    OptimalLinearCritic,
}

/// <summary>The θ optimiser.</summary>
public enum ThetaOptimizer
{
    /// <summary>Plain (stochastic) gradient steps, as in the paper.</summary>
    Sgd,
    /// <summary>Adam (β = 0.9, 0.999).</summary>
    Adam,
    /// <summary>
    /// Gauss–Newton (Levenberg–Marquardt) on r(θ) = EΨ(X) − EΨ(g_θ(Z)), whose half squared norm is J: with the
    /// discriminator's η standing in for r and D = ∂EΨ(g_θ(Z₂))/∂θ on the θ-step's latents,
    /// θ ← θ + α Dᵀ(DDᵀ + λ·mean diag(DDᵀ)·I)⁻¹η. An [Nd, Nd] solve per step (Nd &lt; Ng), α ≈ 0.1–1,
    /// λ = <see cref="RandomFeatureWganOptions.GaussNewtonDamping"/>. Plain SGD crawls because J is badly
    /// conditioned in θ; this step is invariant to the scale of the features.
    /// </summary>
    GaussNewton,
}

/// <summary>
/// Options of <c>ml.Gan().Trainers.RandomFeatureWgan</c>. Defaults are the Fig. 4 networks of No et al.
/// (k = 2, Ng = 5000, Nd = 1000, tanh, generator weight/bias scale 10, θ init scale 5e-3) and the paper's
/// discriminator step (η ← Ψ(Xᵗ) − Ψ(g(Z₁ᵗ)), batch 5000 as the authors), with a Gauss–Newton θ step
/// (α = 0.7 decayed ×0.8 per pass, λ = 0.05 decayed ×0.6 per pass, 250 steps) that reaches the Fig. 4 quality in about two minutes
/// on 2 cores; the authors' plain SGD schedule is <see cref="PaperFigure4"/> (see README: QuickStart).
/// </summary>
public sealed class RandomFeatureWganOptions
{
    /// <summary>The default of every numeric option, as constants (the shortcut overload and the CLI use them).</summary>
    public static class Defaults
    {
        /// <summary>k = 2 (Fig. 4).</summary>
        public const int LatentDimension = 2;
        /// <summary>Ng = 5000 (Fig. 4).</summary>
        public const int GeneratorWidth = 5000;
        /// <summary>Nd = 1000 (Fig. 4).</summary>
        public const int DiscriminatorWidth = 1000;
        /// <summary>Generator weight std 10 (the authors').</summary>
        public const double GeneratorWeightScale = 10;
        /// <summary>Generator bias std 10 (the authors').</summary>
        public const double GeneratorBiasScale = 10;
        /// <summary>Critic feature std 5.</summary>
        public const double DiscriminatorWeightScale = 5;
        /// <summary>θ init std 5e-3 (the authors').</summary>
        public const double ThetaInitScale = 5e-3;
        /// <summary>α = 0.7 (Gauss–Newton step fraction).</summary>
        public const double LearningRate = 0.7;
        /// <summary>λ = 0.05 of the mean diagonal.</summary>
        public const double GaussNewtonDamping = 0.05;
        /// <summary>λ × 0.6 per pass.</summary>
        public const double GaussNewtonDampingDecay = 0.6;
        /// <summary>1500 latent rows build D.</summary>
        public const int GaussNewtonBatchSize = 1500;
        /// <summary>α × 0.8 per pass.</summary>
        public const double LearningRateDecay = 0.8;
        /// <summary>Batch 5000 (the authors').</summary>
        public const int BatchSize = 5000;
        /// <summary>250 steps.</summary>
        public const int Steps = 250;
        /// <summary>J on 50,000 rows.</summary>
        public const int EvaluationSampleSize = 50_000;
        /// <summary>Log every 25 steps.</summary>
        public const int LogEvery = 25;
    }

    /// <summary>The real data column: a known-size vector&lt;float&gt; of n. Default <c>Features</c>.</summary>
    public string FeatureColumnName { get; set; } = GanDataCatalog.FeaturesColumn;
    /// <summary>The fitted transformer's input column (vector&lt;float&gt; of k). Default <c>Latent</c>.</summary>
    public string LatentColumnName { get; set; } = GanDataCatalog.LatentColumn;
    /// <summary>The fitted transformer's output column (vector&lt;float&gt; of n). Default <c>Generated</c>.</summary>
    public string OutputColumnName { get; set; } = "Generated";

    /// <summary>k, the latent dimension, ≥ 1. Default 2.</summary>
    public int LatentDimension { get; set; } = Defaults.LatentDimension;
    /// <summary>Distribution of the latents. Default standard normal.</summary>
    public LatentDistribution LatentDistribution { get; set; } = LatentDistribution.Gaussian;
    /// <summary>Ng, generator width including the n constant bias features: ≥ 2 here, and &gt; n when the data is seen. Default 5000.</summary>
    public int GeneratorWidth { get; set; } = Defaults.GeneratorWidth;
    /// <summary>Nd, discriminator width, ≥ 1. Default 1000.</summary>
    public int DiscriminatorWidth { get; set; } = Defaults.DiscriminatorWidth;
    /// <summary>σ_g of the generator's random features. Default tanh.</summary>
    public Activation GeneratorActivation { get; set; } = Activation.Tanh;
    /// <summary>σ of the discriminator's random features. Default tanh.</summary>
    public Activation DiscriminatorActivation { get; set; } = Activation.Tanh;
    /// <summary>Standard deviation of the frozen generator weights W_i, finite, &gt; 0. Default 10 (the authors').</summary>
    public double GeneratorWeightScale { get; set; } = Defaults.GeneratorWeightScale;
    /// <summary>Standard deviation of the frozen generator biases b_i, finite, ≥ 0. Default 10 (the authors').</summary>
    public double GeneratorBiasScale { get; set; } = Defaults.GeneratorBiasScale;
    /// <summary>
    /// Standard deviation of the frozen discriminator features (a_j, b_j), finite, &gt; 0. Default 5. The authors' code draws sharp
    /// features (a_j = c/u, b_j = −c, c ~ U(1, 10), u ~ U(−4, 4): tanh edges through the data region); a
    /// Gaussian of std 5 gives comparably sharp edges, and with std 1 the features are too smooth to resolve
    /// clusters of σ = 0.1 (QuickStart: modes 0–1/8 at std 1 vs 8/8 at std 5 in our runs).
    /// </summary>
    public double DiscriminatorWeightScale { get; set; } = Defaults.DiscriminatorWeightScale;
    /// <summary>Standard deviation of the initial θ, finite, ≥ 0. Default 5e-3 (the authors').</summary>
    public double ThetaInitScale { get; set; } = Defaults.ThetaInitScale;

    /// <summary>How θ is updated. Default <see cref="RandomFeatureDynamics.Sgda"/>, the paper's.</summary>
    public RandomFeatureDynamics Dynamics { get; set; } = RandomFeatureDynamics.Sgda;
    /// <summary>The θ optimiser. Default <see cref="ThetaOptimizer.GaussNewton"/>; the paper's is <see cref="ThetaOptimizer.Sgd"/>.</summary>
    public ThetaOptimizer Optimizer { get; set; } = ThetaOptimizer.GaussNewton;
    /// <summary>α, the θ step size (a fraction of the Gauss–Newton step; the gradient step for SGD; Adam's learning rate), finite, &gt; 0. Default 0.7.</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;
    /// <summary>Initial λ of <see cref="ThetaOptimizer.GaussNewton"/>, relative to the mean diagonal of DDᵀ, finite, &gt; 0. Default 0.05.</summary>
    public double GaussNewtonDamping { get; set; } = Defaults.GaussNewtonDamping;
    /// <summary>
    /// λ is multiplied by this after every pass over the data (floored at <see cref="MinimumGaussNewtonDamping"/>), in (0, 1]
    /// (1: constant λ). Default 0.6.
    /// Early, a large λ keeps the step from fitting minibatch noise along weak directions of D; once α has decayed
    /// the noise matters less and a small λ lets those directions converge. Fig. 4 QuickStart, seed 1/2/3: hq
    /// 0.836/0.811/0.809 with a constant λ, 0.849/0.828/0.826 with 0.8, 0.872/0.850/0.853 with 0.6.
    /// </summary>
    public double GaussNewtonDampingDecay { get; set; } = Defaults.GaussNewtonDampingDecay;
    /// <summary>The floor of the decayed λ (relative to the mean diagonal of DDᵀ).</summary>
    public const double MinimumGaussNewtonDamping = 1e-4;
    /// <summary>
    /// Latent rows Z₂ on which <see cref="ThetaOptimizer.GaussNewton"/> builds D (the [Nd, B·n]×[B·n, Ng] product
    /// dominates a step), ≥ 1. Default 1500. η still comes from <see cref="BatchSize"/> rows, which sets the noise of the step.
    /// </summary>
    public int GaussNewtonBatchSize { get; set; } = Defaults.GaussNewtonBatchSize;
    /// <summary>α is multiplied by this after every pass over the data, in (0, 1] (1: constant α). Default 0.8 (the authors used 0.9).</summary>
    public double LearningRateDecay { get; set; } = Defaults.LearningRateDecay;
    /// <summary>Rows per minibatch of X (and of each of Z₁, Z₂), ≥ 1. Default 5000 (the authors').</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;
    /// <summary>Training steps, ≥ 1. Default 250.</summary>
    public int Steps { get; set; } = Defaults.Steps;
    /// <summary>Rows of data and of latents on which the exact J is evaluated, ≥ 2. Default 50,000.</summary>
    public int EvaluationSampleSize { get; set; } = Defaults.EvaluationSampleSize;
    /// <summary>Log L (minibatch) every this many steps, and J on the evaluation sample, ≥ 1. Default 25.</summary>
    public int LogEvery { get; set; } = Defaults.LogEvery;
    /// <summary>Seed of every random draw (features, init, batches, latents); null (default): drawn from the MLContext seed.</summary>
    public int? Seed { get; set; }
    /// <summary>Receives every logged step (synchronously, on the training thread); null (default): none.</summary>
    public IProgress<TrainingStep>? Progress { get; set; }
    /// <summary>Stops training between two steps; default: none.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// The authors' published Fig. 4 run (github.com/sehyunkwon/Infinite-WGAN): plain SGDA, θ step 1e-5 decayed ×0.9
    /// per pass, batch 5000, 25 passes over 8 × 100,000 points (4000 steps). About 20× the QuickStart's compute.
    /// </summary>
    public static RandomFeatureWganOptions PaperFigure4() => new()
    {
        Optimizer = ThetaOptimizer.Sgd,
        LearningRate = 1e-5,
        LearningRateDecay = 0.9,
        BatchSize = 5000,
        Steps = 4000,
    };

    /// <summary>A copy (what a trainer keeps, so later changes to this object do not reach it).</summary>
    internal RandomFeatureWganOptions Clone() => (RandomFeatureWganOptions)MemberwiseClone();

    /// <summary>Checks every option before anything is allocated; messages name the option and its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    /// <exception cref="ArgumentException">A column name is empty.</exception>
    public void Validate()
    {
        Guard.Positive(LatentDimension, nameof(LatentDimension));
        Guard.AtLeast(GeneratorWidth, 2, nameof(GeneratorWidth));
        Guard.Positive(DiscriminatorWidth, nameof(DiscriminatorWidth));
        Guard.Positive(GeneratorWeightScale, nameof(GeneratorWeightScale));
        Guard.NonNegative(GeneratorBiasScale, nameof(GeneratorBiasScale));
        Guard.Positive(DiscriminatorWeightScale, nameof(DiscriminatorWeightScale));
        Guard.NonNegative(ThetaInitScale, nameof(ThetaInitScale));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.InRange(LearningRateDecay, double.Epsilon, 1, nameof(LearningRateDecay));
        Guard.Positive(GaussNewtonDamping, nameof(GaussNewtonDamping));
        Guard.InRange(GaussNewtonDampingDecay, double.Epsilon, 1, nameof(GaussNewtonDampingDecay));
        Guard.Positive(GaussNewtonBatchSize, nameof(GaussNewtonBatchSize));
        Guard.Positive(BatchSize, nameof(BatchSize));
        Guard.Positive(Steps, nameof(Steps));
        Guard.AtLeast(EvaluationSampleSize, 2, nameof(EvaluationSampleSize));
        Guard.Positive(LogEvery, nameof(LogEvery));
        foreach (var (name, value) in new[] { (nameof(FeatureColumnName), FeatureColumnName), (nameof(LatentColumnName), LatentColumnName), (nameof(OutputColumnName), OutputColumnName) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
    }
}
