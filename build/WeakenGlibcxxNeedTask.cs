// MSBuild task, compiled by RoslynCodeTaskFactory from MlGan.Transforms.targets (shipped in the MlGan.Transforms package
// under buildTransitive/, imported by this repository's Directory.Build.targets). RoslynCodeTaskFactory takes a single
// source file, so the ELF reader lives here too; MlGan.Transforms compiles the reader alone (MLGAN_ELF_ONLY) for
// TorchNative's load diagnosis. The task marks libLibTorchSharp.so's need for a GLIBCXX version weak when the host's
// libstdc++ does not define it. TorchSharp's shim needs GLIBCXX_3.4.32 only for std::ios_base_library_init, which it
// never calls; Debian 12's libstdc++ stops at 3.4.30.
using System;
using System.IO;
using System.Linq;
#if !MLGAN_ELF_ONLY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlGan.Build;
#endif
using System.Collections.Generic;
using System.Text;

#if !MLGAN_ELF_ONLY
public sealed class WeakenGlibcxxNeed : Task
{
    /// <summary>Copies of libLibTorchSharp.so to patch (build output, TorchSharp's consolidated cpu/ folder).</summary>
    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version need to weaken.</summary>
    public string Version { get; set; } = "GLIBCXX_3.4.32";

    /// <summary>
    /// Weaken the need whatever this host's libstdc++ defines: for copies that run on other hosts (the dotnet tool's
    /// package). A weak need is satisfied as before where the version exists; it only stops a missing one from failing.
    /// </summary>
    public bool Always { get; set; }

    public override bool Execute()
    {
        if (Libraries.Length == 0) return true;  // the target itself runs only on Linux
        string reason = "requested for copies that run on other hosts";
        if (!Always)
        {
            string libstdcxx = ElfVersionNeeds.LibStdCxxCandidates.FirstOrDefault(File.Exists);
            if (libstdcxx is null)
            {
                Log.LogWarning("MlGan: no libstdc++.so.6 found; TorchSharp's native library left as shipped.");
                return true;
            }
            if (ElfVersionNeeds.ReadDefinitions(File.ReadAllBytes(libstdcxx)).Contains(Version))
            {
                Log.LogMessage(MessageImportance.Low, $"MlGan: {libstdcxx} defines {Version}; nothing to patch.");
                return true;
            }
            reason = "host libstdc++ lacks it";
        }
        foreach (var item in Libraries)
        {
            string path = item.ItemSpec;
            byte[] bytes = File.ReadAllBytes(path);
            if (!ElfVersionNeeds.MarkWeak(bytes, Version)) continue;
            // Write-then-rename: an interrupted build never leaves a half-written library, and a copy that is
            // hard-linked to the NuGet cache is replaced rather than edited in place.
            string tmp = path + ".mlgan-tmp";
            File.WriteAllBytes(tmp, bytes);
            File.Replace(tmp, path, null);
            Log.LogMessage(MessageImportance.High, $"MlGan: marked {Version} weak in {path} ({reason}).");
        }
        return true;
    }
}
#endif

namespace MlGan.Build
{
    /// <summary>Version needs (.gnu.version_r) and definitions (.gnu.version_d) of an ELF64 file.</summary>
    internal static class ElfVersionNeeds
    {
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        /// <summary>VER_FLG_WEAK: the dynamic loader only warns when a weak version need is missing.</summary>
        public const ushort VerFlagWeak = 0x2;

        /// <summary>Where the host's libstdc++.so.6 lies on Debian, Ubuntu, Fedora and Arch (first existing one wins).</summary>
        public static readonly string[] LibStdCxxCandidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };

        /// <summary>One Vernaux entry: a version of <see cref="File"/> and where its flags live in the file.</summary>
        public sealed class VersionNeed
        {
            public VersionNeed(string file, string version, ushort flags, long flagsOffset)
            {
                File = file; Version = version; Flags = flags; FlagsOffset = flagsOffset;
            }
            public string File { get; }
            public string Version { get; }
            public ushort Flags { get; }
            public long FlagsOffset { get; }
        }

        /// <summary>All (file, version) pairs the object declares it needs, with their flags.</summary>
        public static IReadOnlyList<VersionNeed> ReadNeeds(byte[] elf)
        {
            var result = new List<VersionNeed>();
            foreach (var (offset, count, strtab) in Sections(elf, ShtGnuVerneed))
            {
                long entry = offset;
                for (int i = 0; i < count; i++)
                {
                    ushort auxCount = U16(elf, entry + 2);
                    string file = CString(elf, strtab + U32(elf, entry + 4));
                    long aux = entry + U32(elf, entry + 8);
                    for (int j = 0; j < auxCount; j++)
                    {
                        result.Add(new VersionNeed(file, CString(elf, strtab + U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                        uint nextAux = U32(elf, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(elf, entry + 12);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return result;
        }

        /// <summary>Version names the object defines (for libstdc++: GLIBCXX_3.4, ...).</summary>
        public static IReadOnlyList<string> ReadDefinitions(byte[] elf)
        {
            var result = new List<string>();
            foreach (var (offset, count, strtab) in Sections(elf, ShtGnuVerdef))
            {
                long entry = offset;
                for (int i = 0; i < count; i++)
                {
                    long aux = entry + U32(elf, entry + 12);
                    result.Add(CString(elf, strtab + U32(elf, aux)));
                    uint next = U32(elf, entry + 16);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return result;
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on the need for <paramref name="version"/>. Returns true when the bytes changed,
        /// false when the need is absent or already weak (so the edit is idempotent).
        /// </summary>
        public static bool MarkWeak(byte[] elf, string version)
        {
            bool changed = false;
            foreach (var need in ReadNeeds(elf))
            {
                if (need.Version != version || (need.Flags & VerFlagWeak) != 0) continue;
                ushort flags = (ushort)(need.Flags | VerFlagWeak);
                elf[need.FlagsOffset] = (byte)flags;
                elf[need.FlagsOffset + 1] = (byte)(flags >> 8);
                changed = true;
            }
            return changed;
        }

        private static IEnumerable<(long Offset, uint Count, long StringTable)> Sections(byte[] elf, uint type)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");
            long shoff = (long)U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            if (shoff <= 0 || shoff + (long)shentsize * shnum > elf.Length)
                throw new InvalidDataException("ELF section header table lies outside the file (truncated?).");
            for (int i = 0; i < shnum; i++)
            {
                long sh = shoff + (long)i * shentsize;
                if (U32(elf, sh + 4) != type) continue;
                uint link = U32(elf, sh + 40);
                long strtab = (long)U64(elf, shoff + (long)link * shentsize + 24);
                yield return ((long)U64(elf, sh + 24), U32(elf, sh + 44), strtab);
            }
        }

        private static ushort U16(byte[] b, long o) => BitConverter.ToUInt16(b, checked((int)o));
        private static uint U32(byte[] b, long o) => BitConverter.ToUInt32(b, checked((int)o));
        private static ulong U64(byte[] b, long o) => BitConverter.ToUInt64(b, checked((int)o));

        private static string CString(byte[] b, long o)
        {
            int start = checked((int)o), end = start;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, start, end - start);
        }
    }
}
