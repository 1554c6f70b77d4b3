using MlGan.Trainers.Discriminators;
using static TorchSharp.torch;

namespace MlGan.Trainers.Regularizers;

/// <summary>
/// One stage of the critic's regularisation pipeline, applied by the shared critic step of every dynamics rule:
/// <see cref="Penalty"/> is added to the critic's loss before its gradient is taken, <see cref="AfterStep"/> runs
/// after its optimiser step (projections such as weight clipping). Stages are independent and compose in order.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(NamedComponentJsonConverter<CriticRegularizer>))]
public abstract class CriticRegularizer
{
    /// <summary>Short name for logs and the CLI (gp, gp-one-sided, r1, r2, dragan, l2, clip, bcr).</summary>
    public abstract string Name { get; }

    /// <summary>The penalty term at this critic step (a 0-d tensor with autograd history to the critic's weights); null: none.</summary>
    public virtual Tensor? Penalty(CriticBatch batch) => null;

    /// <summary>Runs after the critic's optimiser step (under no_grad); default: nothing.</summary>
    public virtual void AfterStep(DiscriminatorModule critic) { }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>What a <see cref="CriticRegularizer"/> sees at one critic step.</summary>
public sealed class CriticBatch
{
    /// <summary>The critic being trained.</summary>
    public required DiscriminatorModule Critic { get; init; }

    /// <summary>Real batch [B, ...InputShape] (no gradient).</summary>
    public required Tensor Real { get; init; }

    /// <summary>Generated batch [B, ...InputShape], detached from the generator for the critic step.</summary>
    public required Tensor Fake { get; init; }

    /// <summary>f(real): [B], with autograd history to the critic's weights.</summary>
    public required Tensor RealLogits { get; init; }

    /// <summary>f(fake): [B], with autograd history to the critic's weights.</summary>
    public required Tensor FakeLogits { get; init; }

    /// <summary>The run's seeded stream for penalty randomness (interpolation weights, perturbations, augmentations); checkpointed with the run.</summary>
    public required TorchSharp.torch.Generator Random { get; init; }
}
