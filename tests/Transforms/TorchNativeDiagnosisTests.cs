using MlGan.Build;
using MlGan.Transforms.Native;

namespace MlGan.Transforms.Tests;

/// <summary>
/// TorchNativeException names the real cause of a load failure, found in the native folders: no shim, no libtorch
/// runtime beside it, or a libstdc++ version the shim strongly needs and the host lacks (checked on copies of the real
/// files, with the host's own libstdc++).
/// </summary>
[TestClass]
public sealed class TorchNativeDiagnosisTests
{
    private static readonly Exception TorchSharpSays = new TypeInitializationException("TorchSharp.torch",
        new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64."));

    private static string NativeFolder()
    {
        var shim = Directory.GetFiles(AppContext.BaseDirectory, NativeLoadDiagnosis.Shim, SearchOption.AllDirectories);
        Assert.IsTrue(shim.Length > 0, $"{NativeLoadDiagnosis.Shim} not copied under {AppContext.BaseDirectory}");
        return Path.GetDirectoryName(shim[0])!;
    }

    private static string TempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"mlgan-native-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [TestMethod]
    public void NoShimInAnyFolderSaysTheNativeFilesWereNotCopied()
    {
        string empty = TempFolder();
        try
        {
            var ex = TorchNative.Describe(TorchSharpSays, [empty], NativeLoadDiagnosis.HostLibStdCxx());
            StringAssert.Contains(ex.Message, "libLibTorchSharp.so is in none of the folders");
            StringAssert.Contains(ex.Message, empty);
            Assert.AreSame(TorchSharpSays, ex.InnerException);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [TestMethod]
    public void ShimWithoutLibtorchBesideItAsksForARuntimePackage()
    {
        string dir = TempFolder();
        try
        {
            File.Copy(Path.Combine(NativeFolder(), NativeLoadDiagnosis.Shim), Path.Combine(dir, NativeLoadDiagnosis.Shim));
            var ex = TorchNative.Describe(TorchSharpSays, [dir], NativeLoadDiagnosis.HostLibStdCxx());
            StringAssert.Contains(ex.Message, "libtorch_cpu.so is missing");
            StringAssert.Contains(ex.Message, "dotnet add package TorchSharp-cpu");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void StrongGlibcxxNeedTheHostLacksIsNamedWithTheHostsNewestVersion()
    {
        string host = NativeLoadDiagnosis.HostLibStdCxx() ?? throw new AssertFailedException("no libstdc++.so.6 on this host");
        var defined = ElfVersionNeeds.ReadDefinitions(File.ReadAllBytes(host));
        string dir = TempFolder();
        try
        {
            // The shim as TorchSharp ships it: the build weakened the test output's copy, so clear the flag again.
            byte[] bytes = File.ReadAllBytes(Path.Combine(NativeFolder(), NativeLoadDiagnosis.Shim));
            var need = ElfVersionNeeds.ReadNeeds(bytes).Single(n => n.Version == "GLIBCXX_3.4.32");
            bytes[need.FlagsOffset] &= unchecked((byte)~ElfVersionNeeds.VerFlagWeak);
            File.WriteAllBytes(Path.Combine(dir, NativeLoadDiagnosis.Shim), bytes);
            File.WriteAllBytes(Path.Combine(dir, NativeLoadDiagnosis.LibTorchCpu), []); // present is all the check asks
            var ex = TorchNative.Describe(TorchSharpSays, [dir], host);
            if (defined.Contains("GLIBCXX_3.4.32"))
            {
                StringAssert.StartsWith(ex.Message, "TorchSharp could not load libtorch:"); // nothing wrong with the files
                return;
            }
            StringAssert.Contains(ex.Message, "needs GLIBCXX_3.4.32 of libstdc++.so.6");
            StringAssert.Contains(ex.Message, host);
            // GLIBCXX_3.4, GLIBCXX_3.4.1, …: the newest has the largest third number.
            string newest = defined.Where(v => v.StartsWith("GLIBCXX_3.4.", StringComparison.Ordinal))
                .OrderBy(v => int.Parse(v["GLIBCXX_3.4.".Length..], System.Globalization.CultureInfo.InvariantCulture)).Last();
            StringAssert.Contains(ex.Message, $"its newest is {newest})");
            StringAssert.Contains(ex.Message, "MlGanWeakenTorchSharpGlibcxx");

            // Marked weak, the same need is no longer a cause: the message falls back to TorchSharp's.
            Assert.IsTrue(ElfVersionNeeds.MarkWeak(bytes, "GLIBCXX_3.4.32"));
            File.WriteAllBytes(Path.Combine(dir, NativeLoadDiagnosis.Shim), bytes);
            ex = TorchNative.Describe(TorchSharpSays, [dir], host);
            StringAssert.StartsWith(ex.Message, "TorchSharp could not load libtorch:");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
