namespace MlGan.Trainers.GmmGan;

/// <summary>
/// μ̂, ℓ and r after every step (index 0 = start). Optional so heatmap runs allocate nothing per step.
/// For the optimal dynamics the intervals at index t are the optimal discriminator for μ̂(t) (ends may be ±∞).
/// </summary>
public sealed class GmmTrajectory
{
    public GmmTrajectory(int steps)
    {
        int n = steps + 1;
        Mu1 = new double[n]; Mu2 = new double[n];
        L1 = new double[n]; R1 = new double[n]; L2 = new double[n]; R2 = new double[n];
    }

    public double[] Mu1 { get; }
    public double[] Mu2 { get; }
    public double[] L1 { get; }
    public double[] R1 { get; }
    public double[] L2 { get; }
    public double[] R2 { get; }
    public int Length => Mu1.Length;

    internal void Set(int t, in GmmState s)
    {
        Mu1[t] = s.Mu1; Mu2[t] = s.Mu2;
        L1[t] = s.L1; R1[t] = s.R1; L2[t] = s.L2; R2[t] = s.R2;
    }
}
