using System.Runtime.InteropServices;
using MlGan.Build;

namespace MlGan.Transforms.Native;

/// <summary>
/// Why libtorch did not load, read off the files rather than TorchSharp's message (which blames a missing
/// libtorch-cpu-linux-x64 reference for any failure): is TorchSharp's shim libLibTorchSharp.so where the runtime looks
/// for native libraries, is a libtorch runtime beside it, and does the shim need libstdc++ versions
/// (<c>.gnu.version_r</c>, not marked weak) that the host's libstdc++ does not define (<c>.gnu.version_d</c>)?
/// </summary>
internal static class NativeLoadDiagnosis
{
    /// <summary>TorchSharp's native shim.</summary>
    public const string Shim = "libLibTorchSharp.so";

    /// <summary>libtorch's CPU library; every libtorch runtime package (CPU or CUDA) has it.</summary>
    public const string LibTorchCpu = "libtorch_cpu.so";

    private const string LibStdCxx = "libstdc++.so.6";

    /// <summary>
    /// Where this process loads native libraries from: the host's NATIVE_DLL_SEARCH_DIRECTORIES (the application's
    /// runtimes/RID/native/ folders from its deps.json), then the application folder and its runtimes/linux-x64/native/.
    /// </summary>
    public static IReadOnlyList<string> SearchFolders()
    {
        var folders = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string listed)
            folders.AddRange(listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        string app = AppContext.BaseDirectory;
        folders.Add(Path.Combine(app, "runtimes", "linux-x64", "native"));
        folders.Add(app);
        return folders.Select(f => Path.GetFullPath(f)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The host's libstdc++.so.6 (the first of the usual paths that exists), or null.</summary>
    public static string? HostLibStdCxx() => ElfVersionNeeds.LibStdCxxCandidates.FirstOrDefault(File.Exists);

    /// <summary>
    /// The cause found in <paramref name="folders"/> and the fix, one or two sentences; null when the files look right
    /// (or off Linux, where these checks do not apply), so the caller falls back to TorchSharp's own message.
    /// </summary>
    /// <param name="folders">Where the shim is looked for, in the loader's order.</param>
    /// <param name="libStdCxx">The host's libstdc++.so.6; null when none was found.</param>
    public static string? Explain(IReadOnlyList<string> folders, string? libStdCxx)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        string? shim = folders.Select(f => Path.Combine(f, Shim)).FirstOrDefault(File.Exists);
        if (shim is null)
            return $"{Shim} is in none of the folders native libraries load from ({string.Join(", ", folders)}): the TorchSharp " +
                "package's native files were not copied next to the application. Reference TorchSharp 0.107.0 (MlGan's packages " +
                "bring it) and run the application's own build output (dotnet build / dotnet publish of the application).";
        string folder = Path.GetDirectoryName(shim)!;
        if (!folders.Any(f => File.Exists(Path.Combine(f, LibTorchCpu))))
            return $"No libtorch runtime is next to {shim} ({LibTorchCpu} is missing): MlGan and TorchSharp leave the native " +
                "runtime to the application. Add one to the application project: 'dotnet add package TorchSharp-cpu' (CPU, " +
                "all platforms), or libtorch-cpu-linux-x64 2.10.0, or a CUDA build of libtorch 2.10.0.";
        if (libStdCxx is null) return null;
        string[] missing;
        string[] defined;
        try
        {
            defined = ElfVersionNeeds.ReadDefinitions(File.ReadAllBytes(libStdCxx)).ToArray();
            missing = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(shim))
                .Where(n => n.File == LibStdCxx && (n.Flags & ElfVersionNeeds.VerFlagWeak) == 0 && !defined.Contains(n.Version))
                .Select(n => n.Version).Distinct().ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // unreadable: nothing better to say than TorchSharp
        }
        if (missing.Length == 0) return null;
        string newest = defined.Where(v => GlibcxxNumber(v) is not null).MaxBy(GlibcxxNumber) ?? "no GLIBCXX version";
        return $"{shim} needs {string.Join(", ", missing)} of {LibStdCxx}, which the host's {libStdCxx} does not define " +
            $"(its newest is {newest}). TorchSharp's shim uses that version for a function it never calls, and MlGan's build " +
            "marks the need weak in the application's output (target MlGanWeakenTorchSharpGlibcxx, from the MlGan.Transforms " +
            $"package's buildTransitive/MlGan.Transforms.targets): it did not run on this copy in {folder}. Rebuild or " +
            "republish the application with dotnet build / dotnet publish (not a copy of another machine's output), or " +
            "install a libstdc++6 that has the version.";
    }

    private static Version? GlibcxxNumber(string version) =>
        version.StartsWith("GLIBCXX_", StringComparison.Ordinal) && Version.TryParse(version["GLIBCXX_".Length..], out var number) ? number : null;
}
