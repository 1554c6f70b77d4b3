using MlGan.Transforms;
using MlGan.Transforms.Training;

namespace MlGan.Trainers;

/// <summary>Typed access to the training results a fitted generator carries.</summary>
public static class TrainingResultExtensions
{
    /// <summary>The results of the <see cref="GanTrainer"/> that fitted <paramref name="generator"/>.</summary>
    /// <exception cref="InvalidOperationException">Another trainer (or none) made it.</exception>
    public static GanTrainingResult GanTraining(this GeneratorTransformer generator) => As<GanTrainingResult>(generator, nameof(GanTrainer));

    /// <summary>The results of the <see cref="RandomFeatureWganTrainer"/> that fitted <paramref name="generator"/>.</summary>
    /// <exception cref="InvalidOperationException">Another trainer (or none) made it.</exception>
    public static RandomFeatureWganTrainingResult RandomFeatureTraining(this GeneratorTransformer generator) =>
        As<RandomFeatureWganTrainingResult>(generator, nameof(RandomFeatureWganTrainer));

    private static T As<T>(GeneratorTransformer generator, string trainer) where T : TrainingResult
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.Training as T ?? throw new InvalidOperationException(
            $"This generator was not fitted by a {trainer} (its Training is {generator.Training?.GetType().Name ?? "null"}).");
    }
}
