using System.Runtime.Intrinsics;

namespace MlGan.Trainers.GmmGan;

/// <summary>
/// d(ℓ1, r1, ℓ2, r2)/d(μ̂1, μ̂2): the forward-mode tangent of the two-interval discriminator's ends, carried
/// through unrolled discriminator steps. <see cref="D1"/> holds ∂(ℓ1, r1, ℓ2, r2)/∂μ̂1 and <see cref="D2"/> ∂(…)/∂μ̂2.
/// </summary>
internal struct IntervalEndsTangent
{
    public Vector256<double> D1, D2;
}
