namespace MlGan.Trainers.GmmGan;

/// <summary>The simulator's mutable state: generator means, interval ends and the collapse flags.</summary>
internal struct GmmState
{
    public double Mu1, Mu2, L1, R1, L2, R2;
    public bool Collapsed1, Collapsed2;

    public readonly bool SameAs(in GmmState o) =>
        Mu1.Equals(o.Mu1) && Mu2.Equals(o.Mu2) && L1.Equals(o.L1) && R1.Equals(o.R1) && L2.Equals(o.L2) && R2.Equals(o.R2)
        && Collapsed1 == o.Collapsed1 && Collapsed2 == o.Collapsed2;
}
