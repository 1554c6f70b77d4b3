using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Losses;

/// <summary>
/// A GAN objective expressed on discriminator logits f(x) (real) and f(g(z)) (fake).
/// Both <see cref="DiscriminatorLoss"/> and <see cref="GeneratorLoss"/> are quantities to MINIMISE,
/// averaged over the batch, returned as 0-d tensors that carry autograd history.
/// Sign convention: the discriminator loss is the negative of the objective inside the paper's sup
/// (Sun et al. 2020, Eqs. 5–6, with their 1/(2n) and 1/n normalisations), so at the optimal
/// discriminator −DiscriminatorLoss equals the landscape value φ(Y, X).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(NamedComponentJsonConverter<GanLoss>))]
public abstract class GanLoss
{
    /// <summary>Loads libtorch first, so a missing native library fails here with an actionable message.</summary>
    /// <exception cref="TorchNativeException">libtorch cannot be loaded.</exception>
    protected GanLoss() => TorchNative.EnsureAvailable();

    /// <summary>The registry name (see <see cref="GanLosses.ByName"/>; a user's loss registers under it with <see cref="GanLosses.Register"/>).</summary>
    public abstract string Name { get; }

    /// <summary>How the loss couples real and fake logits; <see cref="GanLossFamily.Relativistic"/> requires equal batch sizes.</summary>
    public abstract GanLossFamily Family { get; }

    /// <summary>One line: the D-loss and G-loss formulas.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// The discriminator loss at the mode-collapse state s1a of 2-point data (both generated points on
    /// one data point) under the optimal discriminator; a training log whose D-loss sits at this value is
    /// in the collapse basin. Null where the value is not defined (Wasserstein: unbounded).
    /// </summary>
    public virtual double? CollapseValue => null;

    /// <summary>Loss the discriminator minimises. Logits: shape [N] or [N, 1], floating point, same dtype and device.</summary>
    public Tensor DiscriminatorLoss(Tensor realLogits, Tensor fakeLogits)
    {
        using var scope = torch.NewDisposeScope();
        var (real, fake) = Prepare(realLogits, fakeLogits);
        return scope.MoveToOuter(Discriminator(real, fake));
    }

    /// <summary>Loss the generator minimises (real logits matter for relativistic and saturating forms).</summary>
    public Tensor GeneratorLoss(Tensor realLogits, Tensor fakeLogits)
    {
        using var scope = torch.NewDisposeScope();
        var (real, fake) = Prepare(realLogits, fakeLogits);
        return scope.MoveToOuter(Generator(real, fake));
    }

    /// <summary>D-loss on validated, flattened logits.</summary>
    protected abstract Tensor Discriminator(Tensor real, Tensor fake);

    /// <summary>G-loss on validated, flattened logits.</summary>
    protected abstract Tensor Generator(Tensor real, Tensor fake);

    /// <summary><c>name (family): description</c>, e.g. for logs.</summary>
    public override string ToString() => $"{Name} ({Family}): {Description}";

    private (Tensor Real, Tensor Fake) Prepare(Tensor realLogits, Tensor fakeLogits)
    {
        ArgumentNullException.ThrowIfNull(realLogits);
        ArgumentNullException.ThrowIfNull(fakeLogits);
        var real = Flatten(realLogits, nameof(realLogits));
        var fake = Flatten(fakeLogits, nameof(fakeLogits));
        if (realLogits.dtype != fakeLogits.dtype)
            throw new ArgumentException(
                $"realLogits ({realLogits.dtype}) and fakeLogits ({fakeLogits.dtype}) must have the same dtype.", nameof(fakeLogits));
        if (realLogits.device.type != fakeLogits.device.type || realLogits.device.index != fakeLogits.device.index)
            throw new ArgumentException(
                $"realLogits ({realLogits.device}) and fakeLogits ({fakeLogits.device}) must be on the same device.", nameof(fakeLogits));
        if (Family == GanLossFamily.Relativistic && real.shape[0] != fake.shape[0])
            throw new ArgumentException(
                $"The relativistic loss '{Name}' pairs real and fake samples elementwise, so both batches must have the same size; " +
                $"got {real.shape[0]} real and {fake.shape[0]} fake logits.", nameof(fakeLogits));
        return (real, fake);
    }

    private static Tensor Flatten(Tensor logits, string name)
    {
        bool vector = logits.dim() == 1;
        bool column = logits.dim() == 2 && logits.shape[1] == 1;
        if (!vector && !column)
            throw new ArgumentException(
                $"{name} must be a vector [N] or a column [N, 1] of discriminator logits; got shape [{string.Join(", ", logits.shape)}].", name);
        if (logits.shape[0] == 0)
            throw new ArgumentException($"{name} must hold at least one logit; got an empty batch.", name);
        if (!logits.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor; got {logits.dtype}.", name);
        return vector ? logits : logits.reshape(-1);
    }
}
