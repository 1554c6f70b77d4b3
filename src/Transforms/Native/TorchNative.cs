using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Native;

/// <summary>
/// The one gate in front of TorchSharp. Loading libtorch can fail with a bare
/// <see cref="TypeInitializationException"/>; every public MlGan entry that needs TorchSharp calls
/// <see cref="EnsureAvailable"/> first and gets an exception that says what failed and how to fix it.
/// </summary>
public static class TorchNative
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when libtorch loaded and computes.</summary>
    public static bool IsAvailable => LoadFailure.Value is null;

    /// <summary>Throws <see cref="TorchNativeException"/> when libtorch cannot be loaded.</summary>
    public static void EnsureAvailable()
    {
        if (LoadFailure.Value is { } failure) throw failure;
    }

    /// <summary>
    /// <see cref="EnsureAvailable"/> in an expression, for base-constructor calls: every MlGan network passes its
    /// name through this, so libtorch loads (under <see cref="OneDnn"/>'s policy) before any module is built.
    /// </summary>
    public static string Gate(string name)
    {
        EnsureAvailable();
        return name;
    }

    private static Exception? TryLoad()
    {
        try
        {
            return Probe();
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Exception? Probe()
    {
        // A tiny computation forces the native library and its dependencies to load.
        using var t = torch.ones(2, dtype: ScalarType.Float32); // explicit: callers may have changed the default dtype
        float sum = t.sum().item<float>();
        if (sum != 2f) return new TorchNativeException($"libtorch loaded but computed 1+1 = {sum}.", null);
        OneDnn.Decide(); // wrong float32 deconvolutions on some CPUs: see OneDnn
        return null;
    }

    /// <summary>
    /// Turns TorchSharp's load failure into an actionable message (public for tests): the cause read off this process's
    /// native folders when one is found there (no shim, no libtorch runtime beside it, libstdc++ versions the shim needs
    /// that the host lacks; see <see cref="NativeLoadDiagnosis"/>), else a hint from TorchSharp's message.
    /// </summary>
    public static TorchNativeException Describe(Exception ex) =>
        Describe(ex, NativeLoadDiagnosis.SearchFolders(), NativeLoadDiagnosis.HostLibStdCxx());

    /// <summary><see cref="Describe(Exception)"/> on the given native folders and libstdc++ (for tests).</summary>
    internal static TorchNativeException Describe(Exception ex, IReadOnlyList<string> nativeFolders, string? libStdCxx)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var innermost = ex;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        string detail = innermost.Message;
        if (NativeLoadDiagnosis.Explain(nativeFolders, libStdCxx) is { } cause)
            return new TorchNativeException($"libtorch could not be loaded: {cause} (TorchSharp said: {detail})", ex);
        string hint = detail.Contains("GLIBCXX", StringComparison.Ordinal)
            ? "The host libstdc++ is older than TorchSharp's native shim expects. MlGan's build marks that " +
              "version need weak (target MlGanWeakenTorchSharpGlibcxx, from the MlGan.Transforms package's " +
              "buildTransitive targets or this repository's Directory.Build.targets); rebuild with 'dotnet build' so it " +
              "runs over the copied libLibTorchSharp.so, or install a newer libstdc++6."
            : "Make sure the application references TorchSharp 0.107.0 and a libtorch 2.10.0 runtime (TorchSharp-cpu, " +
              "libtorch-cpu-linux-x64 or a CUDA build) and that their native files (libtorch_cpu.so, libLibTorchSharp.so) " +
              "were copied next to it.";
        return new TorchNativeException($"TorchSharp could not load libtorch: {detail} {hint}", ex);
    }
}

/// <summary>libtorch (TorchSharp's native backend) could not be loaded.</summary>
public sealed class TorchNativeException : InvalidOperationException
{
    /// <summary>An exception saying what failed to load and how to fix it.</summary>
    /// <param name="message">What failed and the fix.</param>
    /// <param name="inner">TorchSharp's original exception, if any.</param>
    public TorchNativeException(string message, Exception? inner) : base(message, inner) { }
}
