using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Losses;
using MlGan.Transforms.Training;

namespace MlGan.Trainers;

/// <summary>What <see cref="GanTrainer.Fit"/> learned besides the generator: the critic, the loss, the diagnostics.</summary>
public sealed class GanTrainingResult : TrainingResult
{
    internal GanTrainingResult(TrainingLog log, int seed, int steps, IReadOnlyList<string> warnings, string? lastCheckpoint,
        DiscriminatorModule discriminator, GanLoss loss, GanNetwork network, CollapseBasinDetector collapse, VanishingGradientDetector vanishing)
        : base(log, seed, steps, warnings, lastCheckpoint)
    {
        Discriminator = discriminator;
        Loss = loss;
        Network = network;
        CollapseDetector = collapse;
        VanishingGradient = vanishing;
    }

    /// <summary>The trained critic (on the CPU, in eval mode).</summary>
    public DiscriminatorModule Discriminator { get; }
    /// <summary>The loss the run used.</summary>
    public GanLoss Loss { get; }
    /// <summary>The networks the run used.</summary>
    public GanNetwork Network { get; }
    /// <summary>The collapse-basin diagnostic (Sun et al. 2020, §5).</summary>
    public CollapseBasinDetector CollapseDetector { get; }
    /// <summary>The vanishing-gradient diagnostic.</summary>
    public VanishingGradientDetector VanishingGradient { get; }
    /// <summary>Every evaluation of <see cref="GanTrainerOptions.Evaluation"/> (completed steps, value), in order; empty without one.</summary>
    public IReadOnlyList<(int Step, double Value)> Evaluations { get; init; } = [];
    /// <summary>The best evaluation (completed steps, value); null without an evaluation.</summary>
    public (int Step, double Value)? BestEvaluation { get; init; }
    /// <summary>The checkpoint written at <see cref="BestEvaluation"/> (kept by pruning); null without a checkpoint directory or evaluation.</summary>
    public string? BestCheckpoint { get; init; }
    /// <summary>
    /// <see cref="Diagnostics.SampleDiversityCheck"/>'s diversity of the returned generator's samples: one value per class of a
    /// class-conditional generator, else one value (collapsed classes are also in the warnings).
    /// </summary>
    public IReadOnlyList<double> SampleDiversity { get; init; } = [];
    /// <summary>True when training stopped before <see cref="TrainingResult.Steps"/>: the evaluation's patience ran out or the time limit passed.</summary>
    public bool StoppedEarly { get; init; }
}
