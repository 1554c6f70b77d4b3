using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Losses;

/// <summary>
/// Plain Wasserstein GAN (Arjovsky et al. 2017): D = mean f(y) − mean f(x), G = −mean f(y).
/// Unbounded without a constraint: pair it with weight clipping, a gradient penalty or ℓ2 on η
/// (regularisers live in MlGan.Trainers.Regularizers).
/// </summary>
public sealed class WassersteinGanLoss : GanLoss
{
    /// <inheritdoc />
    public override string Name => "wgan";
    /// <inheritdoc />
    public override GanLossFamily Family => GanLossFamily.Wasserstein;
    /// <inheritdoc />
    public override string Description => "D = mean f(y) − mean f(x); G = −mean f(y)";

    /// <inheritdoc />
    protected override Tensor Discriminator(Tensor real, Tensor fake) => fake.mean() - real.mean();
    /// <inheritdoc />
    protected override Tensor Generator(Tensor real, Tensor fake) => fake.mean().neg();
}

/// <summary>
/// The ℓ2-regularised WGAN with a linear-in-parameters discriminator f_η(x) = ηᵀΨ(x)
/// (Wang et al., "infinitely wide generator", §2.3):
///     L(θ, η) = ηᵀ(EΨ(X) − EΨ(g_θ(Z))) − ½‖η‖²,
/// maximised by η and minimised by θ. The inner sup is attained at η* = EΨ(X) − EΨ(g) with value
/// J(θ) = ½‖EΨ(X) − EΨ(g)‖². Inputs are feature-mean vectors [N_d] (means over the batch of Ψ rows).
/// </summary>
public static class RegularizedWasserstein
{
    /// <summary>L = ηᵀ(μ_real − μ_fake) − ½‖η‖² (the game value; the generator minimises it).</summary>
    public static Tensor Objective(Tensor eta, Tensor realFeatureMean, Tensor fakeFeatureMean)
    {
        ArgumentNullException.ThrowIfNull(eta);
        using var scope = torch.NewDisposeScope();
        Check(eta, realFeatureMean, fakeFeatureMean);
        var gap = realFeatureMean - fakeFeatureMean;
        return scope.MoveToOuter(eta.dot(gap) - eta.dot(eta).mul(0.5));
    }

    /// <summary>−L, the quantity the discriminator minimises over η.</summary>
    public static Tensor DiscriminatorLoss(Tensor eta, Tensor realFeatureMean, Tensor fakeFeatureMean)
    {
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Objective(eta, realFeatureMean, fakeFeatureMean).neg());
    }

    /// <summary>η* = μ_real − μ_fake, the closed-form maximiser of L.</summary>
    public static Tensor OptimalEta(Tensor realFeatureMean, Tensor fakeFeatureMean)
    {
        Check(null, realFeatureMean, fakeFeatureMean);
        return realFeatureMean - fakeFeatureMean;
    }

    /// <summary>J = sup_η L = ½‖μ_real − μ_fake‖².</summary>
    public static Tensor OptimalValue(Tensor realFeatureMean, Tensor fakeFeatureMean)
    {
        using var scope = torch.NewDisposeScope();
        Check(null, realFeatureMean, fakeFeatureMean);
        var gap = realFeatureMean - fakeFeatureMean;
        return scope.MoveToOuter(gap.dot(gap).mul(0.5));
    }

    private static void Check(Tensor? eta, Tensor realFeatureMean, Tensor fakeFeatureMean)
    {
        TorchNative.EnsureAvailable();
        ArgumentNullException.ThrowIfNull(realFeatureMean);
        ArgumentNullException.ThrowIfNull(fakeFeatureMean);
        Vector(realFeatureMean, nameof(realFeatureMean));
        Vector(fakeFeatureMean, nameof(fakeFeatureMean));
        long d = realFeatureMean.shape[0];
        if (fakeFeatureMean.shape[0] != d)
            throw new ArgumentException(
                $"fakeFeatureMean has {fakeFeatureMean.shape[0]} features but realFeatureMean has {d}; both are means of the same Ψ.",
                nameof(fakeFeatureMean));
        if (fakeFeatureMean.dtype != realFeatureMean.dtype)
            throw new ArgumentException("realFeatureMean and fakeFeatureMean must have the same dtype.", nameof(fakeFeatureMean));
        if (eta is null) return;
        Vector(eta, nameof(eta));
        if (eta.shape[0] != d)
            throw new ArgumentException($"eta has {eta.shape[0]} entries but there are {d} features; η must have one weight per feature.", nameof(eta));
        if (eta.dtype != realFeatureMean.dtype)
            throw new ArgumentException("eta must have the same dtype as the feature means.", nameof(eta));
    }

    private static void Vector(Tensor t, string name)
    {
        if (t.dim() != 1 || t.shape[0] == 0)
            throw new ArgumentException($"{name} must be a non-empty vector [N_d]; got shape [{string.Join(", ", t.shape)}].", name);
        if (!t.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor; got {t.dtype}.", name);
    }
}
