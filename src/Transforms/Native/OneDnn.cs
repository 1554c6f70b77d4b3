using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Transforms.Native;

/// <summary>What MlGan decided about libtorch's oneDNN when libtorch loaded.</summary>
public enum OneDnnDecision
{
    /// <summary>libtorch is not loaded yet.</summary>
    NotDecided,
    /// <summary>The probe computed correctly: oneDNN stays on (it is about 3× faster for DCGAN steps).</summary>
    KeptAfterProbe,
    /// <summary>The probe computed wrong float32 convolutions: oneDNN was turned off for this process.</summary>
    TurnedOffAfterProbe,
    /// <summary><c>MLGAN_ONEDNN=1</c>: kept on without probing.</summary>
    KeptByRequest,
    /// <summary><c>MLGAN_ONEDNN=0</c>: turned off without probing.</summary>
    TurnedOffByRequest,
    /// <summary>This libtorch does not export the switch; left as it is.</summary>
    Unreachable,
}

/// <summary>
/// libtorch 2.10's oneDNN (mkldnn) path returns wrong float32 transposed convolutions and convolution input
/// gradients on some AVX-512 AMD EPYC hosts — on our build box 28 of 31 probed shapes were off by 15–100 % or NaN,
/// which breaks the DCGAN generator and the critic's backward (gradient penalty, every conv layer below the top) —
/// while ATen's own kernels and float64 are right. No environment variable of oneDNN, MKL or ATen changed that;
/// turning oneDNN off in libtorch's global context did. So when libtorch loads, <see cref="TorchNative"/> runs a
/// small probe (float32 vs float64 on shapes that failed there, seeded by its own generator: the global RNG is not
/// touched) and turns oneDNN off only if the probe disagrees. <c>MLGAN_ONEDNN=1</c> / <c>0</c> skips the probe and
/// keeps / turns it off. TorchSharp exposes no switch, so this calls libtorch's exported C++ accessors
/// (at::globalContext(), Context::setUserEnabledMkldnn) directly.
/// </summary>
public static class OneDnn
{
    /// <summary>The environment variable that overrides the probe: 1 keeps oneDNN, 0 turns it off.</summary>
    public const string OverrideVariable = "MLGAN_ONEDNN";

    /// <summary>What was decided when libtorch loaded.</summary>
    public static OneDnnDecision Decision { get; private set; } = OneDnnDecision.NotDecided;

    /// <summary>
    /// The decision in one line for logs and console output (e.g. <c>on (probe: float32 convolutions agree with
    /// float64)</c>); loads libtorch first if it is not loaded yet.
    /// </summary>
    public static string Summary
    {
        get
        {
            TorchNative.EnsureAvailable();
            return Decision switch
            {
                OneDnnDecision.KeptAfterProbe => "on (probe: float32 convolutions agree with float64 on this CPU)",
                OneDnnDecision.TurnedOffAfterProbe => $"off for this process (probe: float32 transposed convolutions / conv2d input gradients disagree with float64 on this CPU; {OverrideVariable}=1 forces it on)",
                OneDnnDecision.KeptByRequest => $"on ({OverrideVariable}=1, not probed)",
                OneDnnDecision.TurnedOffByRequest => $"off ({OverrideVariable}=0, not probed)",
                OneDnnDecision.Unreachable => "left as libtorch set it (this libtorch exports no switch)",
                _ => "not decided",
            };
        }
    }

    /// <summary>Whether libtorch will use oneDNN for CPU convolutions; null when the switch cannot be reached.</summary>
    public static bool? Enabled
    {
        get
        {
            try { return UserEnabledMkldnn(GlobalContext()); }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException) { return null; }
        }
    }

    /// <summary>
    /// True when float32 transposed convolutions and conv2d input gradients agree with float64 (relative 1e-4) on
    /// the shapes that came out wrong under the broken oneDNN, with whatever backend is on now.
    /// </summary>
    public static bool ConvolutionsAgreeWithFloat64()
    {
        using var scope = NewDisposeScope();
        using var grad = torch.enable_grad(); // the first load may happen inside a caller's no_grad()
        var gen = new torch.Generator(20261201);
        foreach (var (cin, cout, size, stride, pad, kernel) in new[] { (4L, 3L, 5L, 1L, 0L, 3L), (1L, 8L, 6L, 1L, 0L, 4L), (4L, 3L, 5L, 2L, 1L, 5L) })
        {
            long[] s = [stride, stride], p = [pad, pad];
            var x = randn(2, cin, size, size, dtype: ScalarType.Float32, generator: gen); // float32 whatever the default dtype
            var w = randn(cin, cout, kernel, kernel, dtype: ScalarType.Float32, generator: gen);
            if (!Agree(F.conv_transpose2d(x, w, strides: s, padding: p),
                       F.conv_transpose2d(x.to(ScalarType.Float64), w.to(ScalarType.Float64), strides: s, padding: p)))
                return false;
            var wc = randn(cout, cin, kernel, kernel, dtype: ScalarType.Float32, generator: gen);
            var x32 = x.detach().requires_grad_(true);
            var x64 = x.detach().to(ScalarType.Float64).requires_grad_(true);
            F.conv2d(x32, wc, strides: s, padding: p).square().sum().backward();
            F.conv2d(x64, wc.to(ScalarType.Float64), strides: s, padding: p).square().sum().backward();
            if (!Agree(x32.grad!, x64.grad!)) return false;
        }
        return true;
    }

    private static bool Agree(Tensor value, Tensor reference)
    {
        double error = (value.to(ScalarType.Float64) - reference).abs().max().ToDouble();
        return error <= 1e-4 * reference.abs().max().ToDouble(); // false for NaN too
    }

    /// <summary>Applies the policy once, right after libtorch loaded (called by <see cref="TorchNative"/>).</summary>
    internal static void Decide()
    {
        try
        {
            Decision = Environment.GetEnvironmentVariable(OverrideVariable) switch
            {
                "1" => Set(true, OneDnnDecision.KeptByRequest),
                "0" => Set(false, OneDnnDecision.TurnedOffByRequest),
                _ => UserEnabledMkldnn(GlobalContext()) && !ConvolutionsAgreeWithFloat64()
                    ? Set(false, OneDnnDecision.TurnedOffAfterProbe)
                    : OneDnnDecision.KeptAfterProbe,
            };
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            Decision = OneDnnDecision.Unreachable;
        }
    }

    private static OneDnnDecision Set(bool enabled, OneDnnDecision decision)
    {
        SetUserEnabledMkldnn(GlobalContext(), enabled);
        return decision;
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
