using System.Collections;
using MlGan.Transforms.Native;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MlGan.Trainers.Interop;

/// <summary>
/// PyTorch weights in and out of MlGan's networks (generators and critics alike), through TorchSharp.PyBridge: a
/// <c>state_dict</c> saved by <c>torch.save(module.state_dict(), "G.pt")</c> or a safetensors file loads into an MlGan
/// network whose layers have the same shapes, under MlGan's own parameter names or the standard Sequential layout
/// (<see cref="PyTorchLayout"/>, <see cref="PyTorchParameterMap"/>); an MlGan network saves as safetensors that
/// <c>safetensors.torch.load_file</c> reads (MlGan's names).
/// </summary>
public static class PyTorchStateDicts
{
    /// <summary>BatchNorm's step counter: PyTorch writes it, MlGan's inference does not use it, so it may be absent on either side.</summary>
    private const string BatchCounter = "num_batches_tracked";

    /// <summary>
    /// The tensors of a state_dict file, by name (on the CPU): a PyTorch <c>.pt</c> (torch.save's zip format) or a
    /// <c>.safetensors</c> file, told apart by their first bytes.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Neither format, or a pickle that is not a plain state_dict of tensors.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The weights file path must be non-empty.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file '{path}' does not exist.", path);
        TorchNative.EnsureAvailable();
        byte[] head = new byte[9];
        using (var f = File.OpenRead(path)) f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        try
        {
            if (head[0] == (byte)'P' && head[1] == (byte)'K')
            {
                var table = PyTorchUnpickler.UnpickleStateDict(path);
                var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (DictionaryEntry e in table)
                    result[e.Key as string ?? throw new InvalidDataException($"'{path}': a state_dict key is not a string.")] =
                        e.Value as Tensor ?? throw new InvalidDataException($"'{path}': '{e.Key}' is not a tensor; save module.state_dict(), not the module or a checkpoint dict.");
                return result;
            }
            if (BitConverter.ToUInt64(head, 0) is > 1 and < 100_000_000 && head[8] == (byte)'{')
                return Safetensors.LoadStateDict(path);
        }
        catch (Exception ex) when (ex is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' could not be read as a PyTorch state_dict: {ex.Message}", ex);
        }
        throw new InvalidDataException($"'{path}' is neither a PyTorch state_dict saved by torch.save (a zip; the legacy non-zip pickle is not read) nor a safetensors file.");
    }

    /// <summary>
    /// Loads the file's tensors into <paramref name="network"/> (same shapes; converted to its dtype and device) and
    /// returns the layout the names matched. Every parameter and buffer of the network must be in the file and every
    /// tensor of the file must belong to the network, except BatchNorm's <c>num_batches_tracked</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The names fit neither layout (the message names the missing and unexpected ones), or a shape differs.</exception>
    public static PyTorchLayout Load(nn.Module network, string path, PyTorchLayout layout = PyTorchLayout.Auto)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var scope = NewDisposeScope();
        var file = Read(path);
        var target = network.state_dict();
        var attempts = new List<string>();
        foreach (var candidate in layout == PyTorchLayout.Auto ? [PyTorchLayout.MlGan, PyTorchLayout.Sequential] : new[] { layout })
        {
            var renamed = Rename(network, file, candidate, out string? why);
            if (renamed is null)
            {
                attempts.Add($"{candidate}: {why}");
                continue;
            }
            var missing = target.Keys.Where(k => !renamed.ContainsKey(k) && !k.EndsWith(BatchCounter, StringComparison.Ordinal)).ToArray();
            var unexpected = renamed.Keys.Where(k => !target.ContainsKey(k) && !k.EndsWith(BatchCounter, StringComparison.Ordinal)).ToArray();
            if (missing.Length > 0 || unexpected.Length > 0)
            {
                attempts.Add($"{candidate}: {Names("missing", missing)}{(missing.Length > 0 && unexpected.Length > 0 ? "; " : "")}{Names("unexpected", unexpected)}");
                continue;
            }
            foreach (var (name, tensor) in renamed)
                if (target.TryGetValue(name, out var t) && !t.shape.SequenceEqual(tensor.shape))
                    throw new InvalidDataException($"'{path}': '{name}' has shape [{string.Join(", ", tensor.shape)}]; the {network.GetType().Name} built from the options has [{string.Join(", ", t.shape)}] (check the latent dimension, width and sample shape).");
            using (no_grad())
                foreach (var (name, t) in target)
                    if (renamed.TryGetValue(name, out var tensor)) t.copy_(tensor.to(t.dtype, t.device));
            return candidate;
        }
        throw new InvalidDataException($"'{path}' does not fit {network.GetType().Name} ({target.Count} tensors): {string.Join(" | ", attempts)}.");
    }

    /// <summary>
    /// Writes <paramref name="network"/>'s state_dict (MlGan's names, CPU copies) as a safetensors file, atomically;
    /// PyTorch reads it with <c>safetensors.torch.load_file</c> into the twin modules of <c>tools/mlgan_torch_layouts.py</c>.
    /// </summary>
    public static void SaveSafetensors(nn.Module network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The safetensors path must be non-empty.", nameof(path));
        TorchNative.EnsureAvailable();
        using var scope = NewDisposeScope();
        var state = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous(), StringComparer.Ordinal);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Safetensors.SaveStateDict(temp, state);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static Dictionary<string, Tensor>? Rename(nn.Module network, Dictionary<string, Tensor> file, PyTorchLayout layout, out string? why)
    {
        why = null;
        if (layout == PyTorchLayout.MlGan) return file;
        if (PyTorchParameterMap.SequentialModules(network) is not { } modules)
        {
            why = $"{network.GetType().Name} has no Sequential form";
            return null;
        }
        var renamed = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in file)
            renamed[PyTorchParameterMap.ToMlGan(modules, name) ?? name] = tensor;
        return renamed;
    }

    private static string Names(string what, string[] names) => names.Length == 0 ? ""
        : $"{what} {string.Join(", ", names.Take(4))}{(names.Length > 4 ? $" and {names.Length - 4} more" : "")}";
}
