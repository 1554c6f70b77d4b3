using MlGan.Trainers.Discriminators;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Interop;

/// <summary>
/// The documented map from the standard PyTorch <c>nn.Sequential</c> layout (<see cref="PyTorchLayout.Sequential"/>,
/// one Sequential named <c>main</c>, modules in forward order; <c>tools/mlgan_torch_layouts.py</c> defines them) to the
/// names of MlGan's networks. Only the indices of modules with parameters or buffers appear:
/// <list type="table">
/// <item><term>DcganGenerator</term><description>Linear, Unflatten, BN, ReLU, ConvT, BN, ReLU, ConvT, BN, ReLU, Conv, Tanh:
/// main.0 → project, main.2 → bn0, main.4 → up1, main.5 → bn1, main.7 → up2, main.8 → bn2, main.10 → toImage.</description></item>
/// <item><term>MlpGenerator (L hidden layers)</term><description>(Linear, ReLU) × L, Linear[, Tanh]: main.{2i} → layers.{i}, i = 0…L.</description></item>
/// <item><term>DcganDiscriminator</term><description>(Conv, LeakyReLU(0.2)) × 3, Flatten, Linear:
/// main.0 → conv1, main.2 → conv2, main.4 → conv3, main.7 → head.</description></item>
/// <item><term>MlpDiscriminator (L hidden layers)</term><description>Flatten, (Linear, LeakyReLU(0.2)) × L, Linear:
/// main.{1 + 2i} → layers.{i}, i = 0…L.</description></item>
/// </list>
/// ResNet generators and critics have no Sequential form: their PyTorch twins use MlGan's names (<see cref="PyTorchLayout.MlGan"/>).
/// </summary>
public static class PyTorchParameterMap
{
    /// <summary>Sequential index → MlGan module name for <paramref name="network"/>; null when it has no Sequential form.</summary>
    public static IReadOnlyDictionary<int, string>? SequentialModules(nn.Module network) => network switch
    {
        DcganGenerator => new Dictionary<int, string> { [0] = "project", [2] = "bn0", [4] = "up1", [5] = "bn1", [7] = "up2", [8] = "bn2", [10] = "toImage" },
        MlpGenerator => Enumerable.Range(0, LinearLayers(network)).ToDictionary(i => 2 * i, i => $"layers.{i}"),
        DcganDiscriminator => new Dictionary<int, string> { [0] = "conv1", [2] = "conv2", [4] = "conv3", [7] = "head" },
        MlpDiscriminator => Enumerable.Range(0, LinearLayers(network)).ToDictionary(i => 1 + 2 * i, i => $"layers.{i}"),
        _ => null,
    };

    /// <summary>The Linear layers of an MLP: its distinct <c>layers.i</c> prefixes (hidden layers + the output layer).</summary>
    private static int LinearLayers(nn.Module mlp) =>
        mlp.state_dict().Keys.Where(k => k.StartsWith("layers.", StringComparison.Ordinal)).Select(k => k.Split('.')[1]).Distinct().Count();

    /// <summary>
    /// The MlGan name of the Sequential parameter <paramref name="pytorchName"/> (e.g. <c>main.4.weight</c> → <c>up1.weight</c>
    /// for a DCGAN generator); null when the name is not <c>main.INDEX.REST</c> with a mapped index.
    /// </summary>
    public static string? ToMlGan(IReadOnlyDictionary<int, string> modules, string pytorchName)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(pytorchName);
        var parts = pytorchName.Split('.', 3);
        if (parts.Length != 3 || parts[0] != "main" || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            return null;
        return modules.TryGetValue(index, out var module) ? $"{module}.{parts[2]}" : null;
    }
}
