namespace MlGan.Trainers.GmmGan;

/// <summary>
/// μ̂, ℓ and r after every step (index 0 = start). Optional so heatmap runs allocate nothing per step.
/// For the optimal dynamics the intervals at index t are the optimal discriminator for μ̂(t) (ends may be ±∞).
/// </summary>
public sealed class GmmTrajectory
{
    /// <summary>Room for <paramref name="steps"/> steps plus the start.</summary>
    public GmmTrajectory(int steps)
    {
        int n = steps + 1;
        Mu1 = new double[n]; Mu2 = new double[n];
        L1 = new double[n]; R1 = new double[n]; L2 = new double[n]; R2 = new double[n];
    }

    /// <summary>μ̂₁ after each step.</summary>
    public double[] Mu1 { get; }
    /// <summary>μ̂₂ after each step.</summary>
    public double[] Mu2 { get; }
    /// <summary>ℓ₁ (left end of the first interval) after each step.</summary>
    public double[] L1 { get; }
    /// <summary>r₁ after each step.</summary>
    public double[] R1 { get; }
    /// <summary>ℓ₂ after each step.</summary>
    public double[] L2 { get; }
    /// <summary>r₂ after each step.</summary>
    public double[] R2 { get; }
    /// <summary>Recorded states (steps + 1).</summary>
    public int Length => Mu1.Length;

    internal void Set(int t, in GmmState s)
    {
        Mu1[t] = s.Mu1; Mu2[t] = s.Mu2;
        L1[t] = s.L1; R1[t] = s.R1; L2[t] = s.L2; R2[t] = s.R2;
    }
}
