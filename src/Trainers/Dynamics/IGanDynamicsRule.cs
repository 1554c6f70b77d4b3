namespace MlGan.Trainers.Dynamics;

/// <summary>One way of interleaving critic and generator updates within a training step (one file per rule).</summary>
internal interface IGanDynamicsRule
{
    /// <summary>Runs one training step on the shared core.</summary>
    StepValues Step(GanStepCore core);
}
