using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>Builds discriminator layers, wrapped in <see cref="SpectralNorm"/> on request.</summary>
internal static class LayerFactory
{
    public static nn.Module<Tensor, Tensor> Linear(long inputs, long outputs, bool spectralNorm, int seed, bool bias = true) =>
        Wrap(nn.Linear(inputs, outputs, hasBias: bias), spectralNorm, seed);

    public static nn.Module<Tensor, Tensor> Conv(long inputs, long outputs, long kernel, long stride, long padding, bool spectralNorm, int seed) =>
        Wrap(nn.Conv2d(inputs, outputs, kernel, stride: stride, padding: padding), spectralNorm, seed);

    private static nn.Module<Tensor, Tensor> Wrap(nn.Module<Tensor, Tensor> layer, bool spectralNorm, int seed) =>
        spectralNorm ? new SpectralNorm(layer, seed: seed) : layer;
}
