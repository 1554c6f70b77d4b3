using static TorchSharp.torch;

namespace MlGan.Trainers.Dynamics;

/// <summary>One batch of real data: samples [B, ...shape] and, for class-conditional training, their int64 labels [B].</summary>
/// <param name="Samples">The samples, on the networks' device.</param>
/// <param name="Labels">Class indices in [0, C), on the same device; null for unconditional data.</param>
public readonly record struct RealBatch(Tensor Samples, Tensor? Labels = null);
