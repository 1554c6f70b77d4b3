using MlGan.Build;

namespace MlGan.Transforms.Tests;

[TestClass]
public sealed class ElfVersionNeedsTests
{
    private static string ShippedShim()
    {
        string dir = AppContext.BaseDirectory;
        var found = Directory.GetFiles(dir, "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.IsTrue(found.Length > 0, $"libLibTorchSharp.so not copied under {dir}");
        return found[0];
    }

    [TestMethod]
    public void ShimNeedsGlibcxx3432AndBuildMarkedItWeakWhenHostLacksIt()
    {
        var needs = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(ShippedShim()));
        var need = needs.Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.AreEqual("libstdc++.so.6", need.File);
        var hostDefines = ElfVersionNeeds.ReadDefinitions(File.ReadAllBytes("/usr/lib/x86_64-linux-gnu/libstdc++.so.6"));
        Assert.IsTrue(hostDefines.Contains("GLIBCXX_3.4.30"));
        bool expectWeak = !hostDefines.Contains("GLIBCXX_3.4.32");
        Assert.AreEqual(expectWeak, (need.Flags & ElfVersionNeeds.VerFlagWeak) != 0);
        // Every other need is left exactly as shipped (not weak).
        Assert.IsTrue(needs.Where(n => n.Version != "GLIBCXX_3.4.32").All(n => (n.Flags & ElfVersionNeeds.VerFlagWeak) == 0));
    }

    [TestMethod]
    public void MarkWeakChangesOnlyTheFlagAndIsIdempotent()
    {
        byte[] original = File.ReadAllBytes(ShippedShim());
        byte[] bytes = (byte[])original.Clone();
        var before = ElfVersionNeeds.ReadNeeds(bytes).Single(n => n.Version == "GLIBCXX_3.4.32");
        // Start from a strong need whatever the build did, then weaken it twice.
        bytes[before.FlagsOffset] &= unchecked((byte)~ElfVersionNeeds.VerFlagWeak);
        Assert.IsTrue(ElfVersionNeeds.MarkWeak(bytes, "GLIBCXX_3.4.32"));
        byte[] once = (byte[])bytes.Clone();
        Assert.IsFalse(ElfVersionNeeds.MarkWeak(bytes, "GLIBCXX_3.4.32"));
        CollectionAssert.AreEqual(once, bytes);
        int differing = Enumerable.Range(0, bytes.Length).Count(i => bytes[i] != original[i]);
        Assert.IsTrue(differing <= 1, $"{differing} bytes differ from the shipped file");
    }

    [TestMethod]
    public void NonElfInputIsRejected()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => ElfVersionNeeds.ReadNeeds(new byte[100]));
    }
}
