using static TorchSharp.torch;

namespace MlGan.Samples.TwoCluster;

/// <summary>
/// S independent copies of Linear(1, w) → act → Linear(w, w) → act → Linear(w, 1), one per seed, held as
/// batched weights [S, in, out] and biases [S, 1, out]; input [S, N, 1] → output [S, N, 1]. act = tanh (the
/// script's generator) or sigmoid (its discriminator).
/// </summary>
internal sealed class BatchedMlp
{
    private readonly bool _tanh;

    /// <param name="perSeed">Per seed: [W1, b1, W2, b2, W3, b3] with W as [in, out] and b as [1, out].</param>
    public BatchedMlp(IReadOnlyList<Tensor[]> perSeed, bool hiddenTanh)
    {
        _tanh = hiddenTanh;
        Parameters = Enumerable.Range(0, 6)
            .Select(j => new TorchSharp.Modules.Parameter(stack(perSeed.Select(w => w[j]).ToArray()).DetachFromDisposeScope()))
            .ToArray();
    }

    public TorchSharp.Modules.Parameter[] Parameters { get; }

    public Tensor Forward(Tensor x)
    {
        var h = x;
        for (int layer = 0; layer < 3; layer++)
        {
            h = h.bmm(Parameters[2 * layer]).add(Parameters[2 * layer + 1]);
            if (layer < 2) h = _tanh ? h.tanh() : h.sigmoid();
        }
        return h;
    }
}
