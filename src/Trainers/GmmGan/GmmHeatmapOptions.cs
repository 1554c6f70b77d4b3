using MlGan.Transforms;

namespace MlGan.Trainers.GmmGan;

/// <summary>
/// The Figure 3 experiment (Section 5): μ* = (−0.5, 0.5); μ̂(0) on a Grid × Grid lattice over [Min, Max]²; per
/// grid point <see cref="Repeats"/> runs from random discriminators; success = TV(G_μ*, G_μ̂(T)) &lt; threshold.
/// The paper does not say how the random intervals are drawn: here four numbers uniform on
/// [<see cref="DiscriminatorInitMin"/>, <see cref="DiscriminatorInitMax"/>], sorted into ℓ1 ≤ r1 ≤ ℓ2 ≤ r2.
/// </summary>
public sealed record GmmHeatmapOptions
{
    /// <summary>μ*₁ of the target mixture. Default −0.5.</summary>
    public double TargetMu1 { get; init; } = -0.5;
    /// <summary>μ*₂ of the target mixture. Default 0.5.</summary>
    public double TargetMu2 { get; init; } = 0.5;
    /// <summary>Lattice points per axis of μ̂(0), ≥ 2. Default 21.</summary>
    public int Grid { get; init; } = 21;
    /// <summary>Lower end of the μ̂(0) range. Default −1.</summary>
    public double Min { get; init; } = -1.0;
    /// <summary>Upper end of the μ̂(0) range (&gt; Min). Default 1.</summary>
    public double Max { get; init; } = 1.0;
    /// <summary>Runs per grid point from random discriminators, ≥ 1. Default 120.</summary>
    public int Repeats { get; init; } = 120;
    /// <summary>Steps per run, ≥ 1. Default 3000.</summary>
    public int Steps { get; init; } = 3000;
    /// <summary>η of generator and discriminator, &gt; 0. Default 0.3.</summary>
    public double StepSize { get; init; } = 0.3;
    /// <summary>Unroll depth of the unrolled dynamics, ≥ 1. Default 5.</summary>
    public int UnrollSteps { get; init; } = 5;
    /// <summary>
    /// Which form of L the dynamics follow. Default <see cref="GmmGanObjectiveForm.Mixture"/>; the success test
    /// (TV &lt; <see cref="SuccessThreshold"/>) is the same for both.
    /// </summary>
    public GmmGanObjectiveForm Objective { get; init; } = GmmGanObjectiveForm.Mixture;
    /// <summary>A run succeeds when TV(G_μ*, G_μ̂(T)) is below this, in (0, 1]. Default 0.1 (the paper's).</summary>
    public double SuccessThreshold { get; init; } = 0.1;
    /// <summary>Lower end of the uniform draw of the initial interval ends. Default −3.</summary>
    public double DiscriminatorInitMin { get; init; } = -3.0;
    /// <summary>Upper end of the uniform draw of the initial interval ends. Default 3.</summary>
    public double DiscriminatorInitMax { get; init; } = 3.0;
    /// <summary>Seed of the initial discriminators (per grid point and repeat, so results do not depend on threads). Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Threads for Parallel.For over (dynamics, grid point); 0 = all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The dynamics to run. Default optimal, unrolled, first order.</summary>
    public IReadOnlyList<GmmDynamicsKind> Kinds { get; init; } = [GmmDynamicsKind.Optimal, GmmDynamicsKind.Unrolled, GmmDynamicsKind.FirstOrder];

    /// <summary>Checks every option; ArgumentException naming the option otherwise.</summary>
    public void Validate()
    {
        Guard.Finite(TargetMu1, nameof(TargetMu1));
        Guard.Finite(TargetMu2, nameof(TargetMu2));
        Guard.AtLeast(Grid, 2, nameof(Grid));
        Guard.Finite(Min, nameof(Min));
        Guard.Finite(Max, nameof(Max));
        if (!(Max > Min)) throw new ArgumentOutOfRangeException(nameof(Max), Max, $"Max must be > Min ({Min}); got {Max}.");
        Guard.Positive(Repeats, nameof(Repeats));
        Guard.Positive(Steps, nameof(Steps));
        Guard.Positive(StepSize, nameof(StepSize));
        Guard.Positive(UnrollSteps, nameof(UnrollSteps));
        if (!Enum.IsDefined(Objective)) throw new ArgumentOutOfRangeException(nameof(Objective), Objective, "Unknown GMM-GAN objective form.");
        Guard.InRange(SuccessThreshold, double.Epsilon, 1.0, nameof(SuccessThreshold));
        Guard.Finite(DiscriminatorInitMin, nameof(DiscriminatorInitMin));
        Guard.Finite(DiscriminatorInitMax, nameof(DiscriminatorInitMax));
        if (!(DiscriminatorInitMax > DiscriminatorInitMin))
            throw new ArgumentOutOfRangeException(nameof(DiscriminatorInitMax), DiscriminatorInitMax, $"DiscriminatorInitMax must be > DiscriminatorInitMin ({DiscriminatorInitMin}).");
        Guard.AtLeast(MaxDegreeOfParallelism, 0, nameof(MaxDegreeOfParallelism));
        if (Kinds is null || Kinds.Count == 0) throw new ArgumentException("Kinds must name at least one dynamics.", nameof(Kinds));
        foreach (var k in Kinds)
            if (!Enum.IsDefined(k)) throw new ArgumentOutOfRangeException(nameof(Kinds), k, "Unknown dynamics kind.");
    }

    /// <summary>η times the objective's scale (see <see cref="GmmDynamicsOptions.EffectiveStepSize"/>).</summary>
    internal double EffectiveStepSize => StepSize * Objective.Scale();

    /// <summary>Grid coordinate i (0 … Grid − 1), computed so the ends and the midpoint are exact.</summary>
    public double Coordinate(int i) => Min + (Max - Min) * i / (Grid - 1);
}
