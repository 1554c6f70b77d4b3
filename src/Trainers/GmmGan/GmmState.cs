using System.Runtime.Intrinsics;

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

/// <summary>
/// d(ℓ1, r1, ℓ2, r2)/d(μ̂1, μ̂2), the forward-mode tangent carried through unrolled discriminator steps:
/// <see cref="D1"/> holds ∂(ℓ1, r1, ℓ2, r2)/∂μ̂1 and <see cref="D2"/> ∂(…)/∂μ̂2.
/// </summary>
internal struct DiscriminatorTangent
{
    public Vector256<double> D1, D2;
}
