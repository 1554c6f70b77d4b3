using System.Runtime.Intrinsics;

namespace MlGan.Trainers.GmmGan;

/// <summary>
/// Keeps the discriminator inside its set D (l1 ≤ r1 ≤ l2 ≤ r2) after a gradient step: the Euclidean
/// projection onto the ordered cone (pool-adjacent-violators on the live ends). An interval whose ends
/// meet (width 0) is collapsed for good: the paper's "it can never uncollapse" (Section 3.1). A collapsed
/// interval is empty, so its position is irrelevant; it is parked next to the live interval to keep the order.
/// The projection is piecewise linear, so its Jacobian (pooled ends share the average tangent) is applied to
/// the unrolled dynamics' tangent when one is given.
/// </summary>
internal static class IntervalProjection
{
    public static void Project(ref GmmState s) => Project(ref s, ref System.Runtime.CompilerServices.Unsafe.NullRef<IntervalEndsTangent>(), false);

    public static void Project(ref GmmState s, ref IntervalEndsTangent tangent, bool withTangent)
    {
        bool live1 = !s.Collapsed1, live2 = !s.Collapsed2;
        if (!live1 && !live2) return;
        // Fast path: already ordered.
        if (live1 && live2 ? s.L1 < s.R1 && s.R1 <= s.L2 && s.L2 < s.R2
            : live1 ? s.L1 < s.R1 : s.L2 < s.R2)
            return;

        Span<double> v = [s.L1, s.R1, s.L2, s.R2];
        Span<double> d1 = stackalloc double[4], d2 = stackalloc double[4];
        if (withTangent) { tangent.D1.CopyTo(d1); tangent.D2.CopyTo(d2); }
        int first = live1 ? 0 : 2, count = live1 && live2 ? 4 : 2;
        Span<double> mean = stackalloc double[4];
        Span<int> length = stackalloc int[4];
        int blocks = 0;
        for (int i = first; i < first + count; i++)
        {
            mean[blocks] = v[i];
            length[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] >= mean[blocks - 1])
            {
                int a = length[blocks - 2], b = length[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * a + mean[blocks - 1] * b) / (a + b);
                length[blocks - 2] = a + b;
                blocks--;
            }
        }
        // Ties (≥) are pooled too, so equal ends end up bit-identical and a width-0 interval is detected exactly.
        int idx = first;
        for (int blk = 0; blk < blocks; blk++)
        {
            double t0 = 0, t1 = 0;
            if (withTangent)
            {
                for (int k = 0; k < length[blk]; k++) { t0 += d1[idx + k]; t1 += d2[idx + k]; }
                t0 /= length[blk];
                t1 /= length[blk];
            }
            for (int k = 0; k < length[blk]; k++, idx++)
            {
                v[idx] = mean[blk];
                if (withTangent) { d1[idx] = t0; d2[idx] = t1; }
            }
        }
        s.L1 = v[0]; s.R1 = v[1]; s.L2 = v[2]; s.R2 = v[3];

        if (live1 && s.R1 == s.L1) s.Collapsed1 = true;
        if (live2 && s.R2 == s.L2) s.Collapsed2 = true;
        if (s.Collapsed1 && !s.Collapsed2) s.L1 = s.R1 = Math.Min(s.L1, s.L2);
        if (s.Collapsed2 && !s.Collapsed1) s.L2 = s.R2 = Math.Max(s.L2, s.R1);
        if (withTangent)
        {
            if (s.Collapsed1) d1[0] = d1[1] = d2[0] = d2[1] = 0;
            if (s.Collapsed2) d1[2] = d1[3] = d2[2] = d2[3] = 0;
            tangent.D1 = Vector256.Create((ReadOnlySpan<double>)d1);
            tangent.D2 = Vector256.Create((ReadOnlySpan<double>)d2);
        }
    }
}
