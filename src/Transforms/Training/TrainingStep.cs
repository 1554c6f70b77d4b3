namespace MlGan.Transforms.Training;

/// <summary>What the training loop reports after a logged step (through IProgress and ml.Log).</summary>
public sealed record TrainingStep(int Step, int TotalSteps, IReadOnlyDictionary<string, double> Values);
