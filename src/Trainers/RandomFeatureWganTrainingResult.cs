using MlGan.Trainers.RandomFeature;
using MlGan.Transforms.Training;

namespace MlGan.Trainers;

/// <summary>What <see cref="RandomFeatureWganTrainer.Fit"/> learned besides the generator.</summary>
public sealed class RandomFeatureWganTrainingResult : TrainingResult
{
    internal RandomFeatureWganTrainingResult(TrainingLog log, int seed, int steps, double initialJ, RandomFeatureWganObjective objective,
        IReadOnlyList<string> warnings)
        : base(log, seed, steps, warnings)
    {
        InitialJ = initialJ;
        Objective = objective;
    }

    /// <summary>J(θ⁰) on the evaluation sample, before the first step.</summary>
    public double InitialJ { get; }

    /// <summary>The trained generator and critic with the exact objective, for inspection and landscape probes.</summary>
    public RandomFeatureWganObjective Objective { get; }
}
