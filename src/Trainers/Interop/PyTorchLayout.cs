namespace MlGan.Trainers.Interop;

/// <summary>How the parameter names of a PyTorch <c>state_dict</c> relate to an MlGan network's.</summary>
public enum PyTorchLayout
{
    /// <summary>Whichever of the two below the file's names fit (MlGan's own names are tried first).</summary>
    Auto,
    /// <summary>
    /// The names are MlGan's own (TorchSharp's state_dict of the network: <c>project.weight</c>, <c>bn0.running_mean</c>,
    /// <c>layers.1.bias</c>, <c>blocks.0.conv1.weight</c>, …): files MlGan wrote with
    /// <see cref="PyTorchStateDicts.SaveSafetensors"/>, and PyTorch modules whose attributes carry the same names
    /// (<c>tools/mlgan_torch_layouts.py</c>).
    /// </summary>
    MlGan,
    /// <summary>
    /// The standard PyTorch form of a DCGAN or MLP: one <c>nn.Sequential</c> named <c>main</c> holding the layers in
    /// forward order, activations included (<c>main.0.weight</c>, <c>main.2.running_var</c>, …); the map to MlGan's
    /// names is <see cref="PyTorchParameterMap"/>'s and <c>tools/mlgan_torch_layouts.py</c> defines the modules.
    /// </summary>
    Sequential,
}
