using System.Runtime.InteropServices;

namespace MlGan.Transforms.Native;

/// <summary>
/// libtorch 2.10's oneDNN (mkldnn) path returns wrong float32 transposed convolutions and convolution input
/// gradients on AVX-512 AMD EPYC hosts — on our build box 28 of 31 probed shapes were off by 15–100 % or NaN,
/// including the DCGAN generator's layers and the critic's gradient-penalty backward — while ATen's own kernels
/// and float64 are right. No environment variable of oneDNN, MKL or ATen changed that; turning oneDNN off in
/// libtorch's global context did. <see cref="TorchNative"/> therefore turns it off when libtorch loads, unless
/// the environment variable <c>MLGAN_ONEDNN=1</c> asks to keep it. TorchSharp exposes no switch, so this calls
/// libtorch's exported C++ accessors (at::globalContext(), Context::setUserEnabledMkldnn) directly.
/// </summary>
public static class OneDnn
{
    /// <summary>The environment variable that keeps oneDNN on (value 1).</summary>
    public const string KeepVariable = "MLGAN_ONEDNN";

    /// <summary>Whether libtorch will use oneDNN for CPU convolutions; null when the switch cannot be reached.</summary>
    public static bool? Enabled
    {
        get
        {
            try { return UserEnabledMkldnn(GlobalContext()); }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException) { return null; }
        }
    }

    /// <summary>Turns oneDNN off unless <see cref="KeepVariable"/> is 1; returns the resulting state (null: unreachable).</summary>
    internal static bool? ApplyPolicy()
    {
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1") return Enabled;
        try
        {
            SetUserEnabledMkldnn(GlobalContext(), false);
            return UserEnabledMkldnn(GlobalContext());
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException) { return null; }
    }

    private const string LibTorchCpu = "libtorch_cpu.so";

    [DllImport(LibTorchCpu, EntryPoint = "_ZN2at13globalContextEv")]
    private static extern nint GlobalContext();

    [DllImport(LibTorchCpu, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(nint context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport(LibTorchCpu, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.I1)]
    private static extern bool UserEnabledMkldnn(nint context);
}
