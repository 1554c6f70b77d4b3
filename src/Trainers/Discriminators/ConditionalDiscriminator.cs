using MlGan.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// What the conditional critics share: the wrapped feature critic, the class count and the label scope of
/// <see cref="IConditionalDiscriminator.Condition"/>. A forward outside a scope is an error that says so.
/// </summary>
public abstract class ConditionalDiscriminator : DiscriminatorModule, IConditionalDiscriminator
{
    private Tensor? _labels;

    /// <summary>Wraps <paramref name="inner"/> (owned from now on) for <paramref name="classCount"/> classes.</summary>
    /// <exception cref="ArgumentException"><paramref name="inner"/> does not implement <see cref="IFeatureDiscriminator"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> &lt; 2.</exception>
    protected ConditionalDiscriminator(string name, DiscriminatorModule inner, int classCount)
        : base(name, Guard.NotNull(inner, nameof(inner)).InputShape)
    {
        Guard.AtLeast(classCount, 2, nameof(classCount));
        Inner = inner as IFeatureDiscriminator ?? throw new ArgumentException(
            $"Class conditioning needs a critic split into features and head ({typeof(IFeatureDiscriminator).FullName}: the built-in mlp, dcgan and resnet critics); '{inner.Architecture}' is not.", nameof(inner));
        InnerModule = inner;
        ClassCount = classCount;
    }

    /// <summary>The wrapped critic's feature map and head.</summary>
    protected IFeatureDiscriminator Inner { get; }

    /// <summary>The wrapped critic as a module (registered by subclasses as a component).</summary>
    protected DiscriminatorModule InnerModule { get; }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Labels that are not int64 [N] in [0, C).</exception>
    public IDisposable Condition(Tensor labels)
    {
        Guard.NotNull(labels, nameof(labels));
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"Labels must be int64 class indices [N]; got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (labels.numel() > 0 && (labels.min().ToInt64() < 0 || labels.max().ToInt64() >= ClassCount))
            throw new ArgumentException($"Labels must lie in [0, {ClassCount}).", nameof(labels));
        var previous = _labels;
        _labels = labels;
        return new Scope(() => _labels = previous);
    }

    /// <summary>The labels of the innermost <see cref="Condition"/> scope, checked against the batch size of <paramref name="x"/>.</summary>
    /// <exception cref="InvalidOperationException">No scope is open, or its labels do not match the batch.</exception>
    protected Tensor LabelsFor(Tensor x)
    {
        var labels = _labels ?? throw new InvalidOperationException(
            $"The critic '{Architecture}' is class-conditional: call forward inside Condition(labels).");
        if (labels.shape[0] != x.shape[0])
            throw new InvalidOperationException($"The conditioning labels are for {labels.shape[0]} samples; the batch has {x.shape[0]}.");
        return labels;
    }

    /// <inheritdoc />
    public virtual Tensor? CriticAuxiliaryLoss(Tensor real, Tensor fake, Tensor labels) => null;

    /// <inheritdoc />
    public virtual Tensor? GeneratorAuxiliaryLoss(Tensor fake, Tensor labels) => null;

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }
}
