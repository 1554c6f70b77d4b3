namespace MlGan.Trainers.Dynamics;

/// <summary>Alternating updates: n_critic critic steps (a fresh batch each), then one generator step against the updated critic.</summary>
internal sealed class AlternatingDynamics : IGanDynamicsRule
{
    public StepValues Step(GanStepCore core)
    {
        CriticStepValues critic = default;
        for (int i = 0; i < core.Settings.DiscriminatorSteps; i++) critic = core.CriticStep();
        var (gLoss, gNorm) = core.GeneratorStep();
        return new(critic.DLoss, gLoss, critic.GradNorm, gNorm, critic.Penalty);
    }
}
