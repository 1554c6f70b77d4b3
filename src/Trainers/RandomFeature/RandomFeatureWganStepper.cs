using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.RandomFeature;

/// <summary>
/// One step of random-feature WGAN training (SGDA or GD on exact J), a few dense matrix products per step.
/// Logs: L on the minibatch (at the updated η), J on the fixed evaluation sample, ‖∇θ‖, η step, α.
/// </summary>
internal sealed class RandomFeatureWganStepper : IGanStepper, IDisposable
{
    private readonly RandomFeatureWganObjective _objective;
    private readonly RandomFeatureWganOptions _options;
    private readonly BatchStream _batches;
    private readonly Tensor _realMeanPsiEval;
    private readonly Tensor _evalLatents;
    private readonly Tensor? _fixedLatents;
    private readonly torch.Generator _latentRandom;
    private readonly optim.Optimizer? _adam;
    private readonly int _dimension;

    public RandomFeatureWganStepper(RandomFeatureWganObjective objective, RandomFeatureWganOptions options,
        BatchStream batches, float[] evaluationData, int seed)
    {
        _objective = objective;
        _options = options;
        _batches = batches;
        _dimension = objective.Generator.Dimension;
        _latentRandom = new torch.Generator(unchecked((ulong)seed));
        _realMeanPsiEval = objective.MeanPsi(tensor(evaluationData, new long[] { evaluationData.Length / _dimension, _dimension }));
        _evalLatents = Latents(options.EvaluationSampleSize);
        if (options.Dynamics == RandomFeatureDynamics.OptimalLinearCritic) _fixedLatents = Latents(options.BatchSize);
        if (options.Optimizer == ThetaOptimizer.Adam)
            _adam = optim.Adam(new[] { objective.Generator.Theta }, options.LearningRate);
    }

    public IReadOnlyList<string> Quantities { get; } = new[] { "L", "J", "grad_norm", "learning_rate", "epoch" };

    public double LearningRate => _options.LearningRate * Math.Pow(_options.LearningRateDecay, _batches.Epoch);

    /// <summary>J on the evaluation sample (the same sample every time, so values are comparable across steps).</summary>
    public double EvaluationJ() => _objective.J(_realMeanPsiEval, _evalLatents);

    public double?[] Step(int step, bool log)
    {
        using var scope = NewDisposeScope();
        Tensor gradientL, eta;
        Tensor? jacobian = null;
        double? miniL = null;
        if (_options.Dynamics == RandomFeatureDynamics.Sgda)
        {
            var x = tensor(_batches.Next(), new long[] { _batches.BatchSize, _dimension });
            var psiX = _objective.MeanPsi(x);
            // η^{t+1} = Ψ(Xᵗ) − Ψ(g_θ(Z₁ᵗ)): the ascent step of size 1 lands on the minibatch maximiser.
            eta = LinearCritic.OptimalCoefficients(psiX, _objective.MeanPsiOfGenerated(Latents(_options.BatchSize)), 1);
            // ∇θ L(θ, η) = −D_θΨ(g_θ(Z₂ᵗ))ᵀη with a fresh, independent Z₂.
            if (_options.Optimizer == ThetaOptimizer.GaussNewton)
            {
                jacobian = _objective.GeneratedPsiJacobian(Latents(_options.GaussNewtonBatchSize));
                gradientL = -jacobian.t().matmul(eta);
            }
            else gradientL = -_objective.GeneratedScoreGradient(eta, Latents(_options.BatchSize));
            if (log) miniL = 0.5 * eta.square().sum().ToDouble();
        }
        else
        {
            _batches.Next(); // keeps the epoch count (α decay) aligned with SGDA
            eta = _objective.Residual(_realMeanPsiEval, _fixedLatents!);
            if (_options.Optimizer == ThetaOptimizer.GaussNewton)
            {
                jacobian = _objective.GeneratedPsiJacobian(_fixedLatents!);
                gradientL = -jacobian.t().matmul(eta);
            }
            else gradientL = _objective.GradientJ(_realMeanPsiEval, _fixedLatents!);
            if (log) miniL = 0.5 * eta.square().sum().ToDouble();
        }
        double alpha = LearningRate;
        var theta = _objective.Generator.Theta;
        if (jacobian is not null)
        {
            using var _ = no_grad();
            theta.add_(GaussNewtonStep(jacobian, eta) * alpha);
        }
        else if (_adam is null)
        {
            using var _ = no_grad();
            theta.sub_(gradientL * alpha);
        }
        else
        {
            foreach (var group in _adam.ParamGroups) group.LearningRate = alpha;
            _adam.zero_grad();
            // A surrogate whose autograd gradient is exactly gradientL lets Adam consume the analytic gradient.
            (theta * gradientL.detach()).sum().backward();
            _adam.step();
        }
        if (!log) return new double?[] { null, null, null, null, null };
        return new double?[] { miniL, EvaluationJ(), gradientL.norm().ToDouble(), alpha, _batches.Epoch };
    }

    /// <summary>λ of this pass: <see cref="RandomFeatureWganOptions.GaussNewtonDamping"/> × decay^epoch, floored.</summary>
    public double Damping => Math.Max(RandomFeatureWganOptions.MinimumGaussNewtonDamping,
        _options.GaussNewtonDamping * Math.Pow(_options.GaussNewtonDampingDecay, _batches.Epoch));

    /// <summary>
    /// Dᵀ(DDᵀ + λ·mean diag·I)⁻¹η: the minimum-norm δ with D δ ≈ η, damped (the [Nd, Nd] system is SPD). If rounding
    /// leaves the float32 system not positive definite, λ grows ×10 until the factorisation succeeds.
    /// </summary>
    private Tensor GaussNewtonStep(Tensor jacobian, Tensor eta)
    {
        using var scope = NewDisposeScope();
        var gram = jacobian.matmul(jacobian.t());
        double meanDiagonal = gram.diagonal().mean().ToDouble();
        Tensor? factor = null;
        for (double damping = Damping; factor is null; damping *= 10)
        {
            if (damping > 1)
                throw new InvalidOperationException("The Gauss–Newton system stayed singular at damping 1; J has no usable curvature here.");
            var damped = gram.clone();
            damped.diagonal().add_(damping * meanDiagonal);
            var (lower, info) = linalg.cholesky_ex(damped);
            if (info.item<int>() == 0) factor = lower;
        }
        var solution = cholesky_solve(eta.unsqueeze(1), factor).squeeze(1);
        return jacobian.t().matmul(solution).MoveToOuterDisposeScope();
    }

    private Tensor Latents(int count) => LatentSampler.Sample(count, _options.LatentDimension, _options.LatentDistribution, _latentRandom);

    public void Dispose()
    {
        _realMeanPsiEval.Dispose();
        _evalLatents.Dispose();
        _fixedLatents?.Dispose();
        _adam?.Dispose();
        _batches.Dispose();
    }
}
