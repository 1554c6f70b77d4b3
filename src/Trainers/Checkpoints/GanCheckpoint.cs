using MlGan.Transforms.Training;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Checkpoints;

/// <summary>
/// A resumable training checkpoint: one zip <c>ckpt-NNNNNNNN.zip</c> (N = completed steps) holding manifest.json,
/// TorchSharp Module.save blobs of G and D, both optimisers' state, the EMA weights, the two private random
/// streams, and the ONNX of the generator Fit would return at that step. Written to a hidden temporary file
/// and renamed into place, so a crash mid-write leaves at most a stray <c>.ckpt-….partial</c> file, which
/// <see cref="FindLatest"/> never picks.
/// </summary>
public sealed partial class GanCheckpoint
{
    /// <summary>
    /// Entry names inside the checkpoint zip: the manifest, the Module.save blobs of G and D, both optimisers'
    /// state, the EMA weights (only when <see cref="GanCheckpointManifest.HasEma"/>), the latent and penalty random
    /// streams, and the generator's ONNX (only when <see cref="GanCheckpointManifest.HasOnnx"/>).
    /// </summary>
    public const string ManifestEntry = "manifest.json", GeneratorEntry = "generator.bin", DiscriminatorEntry = "discriminator.bin",
        GeneratorOptimizerEntry = "optimizer_generator.bin", DiscriminatorOptimizerEntry = "optimizer_discriminator.bin",
        EmaEntry = "ema.bin", RandomEntry = "rng.bin", OnnxEntry = "generator.onnx";

    private readonly Dictionary<string, byte[]> _entries;

    private GanCheckpoint(string path, GanCheckpointManifest manifest, Dictionary<string, byte[]> entries)
    {
        Path = path;
        Manifest = manifest;
        _entries = entries;
    }

    /// <summary>The checkpoint file read (the latest one when <see cref="Open"/> was given a directory).</summary>
    public string Path { get; }
    /// <summary>The parsed manifest.json: step, seed, architecture, data position and log.</summary>
    public GanCheckpointManifest Manifest { get; }
    /// <summary>The generator as ONNX (input "latent", output "sample", mlgan.* metadata).</summary>
    public byte[] GeneratorOnnx => _entries.TryGetValue(OnnxEntry, out var onnx) ? onnx : throw new NotSupportedException(
        $"Checkpoint '{Path}' holds no ONNX generator: its generator '{Manifest.GeneratorArchitecture}' does not implement IOnnxExportableGenerator.");

    /// <summary>The file name of the checkpoint after <paramref name="step"/> completed steps.</summary>
    public static string FileName(int step) => $"ckpt-{step:D8}.zip";

    [GeneratedRegex(@"^ckpt-(\d{8,})\.zip$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\.ckpt-\d{8,}\.zip\.[0-9a-f]+\.partial$")]
    private static partial Regex PartialPattern();

    /// <summary>Newer checkpoints <see cref="Open"/> passed over because they could not be read ("file: why"), newest first.</summary>
    public IReadOnlyList<string> Skipped { get; private init; } = [];

    /// <summary>The checkpoint files in <paramref name="directory"/>, most steps first (none when it does not exist).</summary>
    public static IReadOnlyList<string> List(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory)
            .Select(f => (File: f, Match: NamePattern().Match(System.IO.Path.GetFileName(f))))
            .Where(x => x.Match.Success)
            .OrderByDescending(x => long.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(x => x.File)
            .ToArray();
    }

    /// <summary>The complete checkpoint with the most steps in <paramref name="directory"/>, or null if there is none.</summary>
    public static string? FindLatest(string directory) => List(directory).FirstOrDefault();

    /// <summary>
    /// Deletes the temporary <c>.ckpt-….partial</c> files that killed writes left in <paramref name="directory"/>
    /// (a run calls this before it writes its own); returns how many it removed.
    /// </summary>
    public static int RemoveStalePartials(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => PartialPattern().IsMatch(System.IO.Path.GetFileName(f))).ToArray())
        {
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Keeps the <paramref name="keep"/> checkpoints with the most steps in <paramref name="directory"/> (and any in
    /// <paramref name="protect"/>) and deletes the others; returns the deleted paths. <paramref name="keep"/> 0 keeps all.
    /// </summary>
    public static IReadOnlyList<string> Prune(string directory, int keep, IReadOnlyCollection<string>? protect = null)
    {
        Transforms.Guard.AtLeast(keep, 0, nameof(keep));
        if (keep == 0) return [];
        var kept = new HashSet<string>((protect ?? []).Select(System.IO.Path.GetFullPath), StringComparer.Ordinal);
        var deleted = new List<string>();
        foreach (var file in List(directory).Skip(keep))
        {
            if (kept.Contains(System.IO.Path.GetFullPath(file))) continue;
            File.Delete(file);
            deleted.Add(file);
        }
        return deleted;
    }

    /// <summary>
    /// Opens a checkpoint file, or the newest readable one in a directory: a newer one that cannot be read (truncated
    /// by a crash, corrupt) is passed over and named in <see cref="Skipped"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file, or a directory without checkpoints.</exception>
    /// <exception cref="InvalidDataException">Not a checkpoint, one of an unknown format version, or a directory where none is readable.</exception>
    public static GanCheckpoint Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The checkpoint path must be non-empty.", nameof(path));
        if (!Directory.Exists(path))
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
            return OpenFile(path);
        }
        var candidates = List(path);
        if (candidates.Count == 0) throw new FileNotFoundException($"Directory '{path}' holds no checkpoint (ckpt-NNNNNNNN.zip).", path);
        var skipped = new List<string>();
        foreach (var file in candidates)
        {
            try
            {
                var checkpoint = OpenFile(file);
                return skipped.Count == 0 ? checkpoint : new GanCheckpoint(checkpoint.Path, checkpoint.Manifest, checkpoint._entries) { Skipped = skipped };
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                skipped.Add($"{System.IO.Path.GetFileName(file)}: {ex.Message}");
            }
        }
        throw new InvalidDataException($"Directory '{path}' holds no readable checkpoint: {string.Join("; ", skipped)}");
    }

    private static GanCheckpoint OpenFile(string file)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var zip = ZipFile.OpenRead(file);
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries[e.FullName] = m.ToArray();
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{file}' is not a readable checkpoint zip: {ex.Message}", ex);
        }
        if (!entries.TryGetValue(ManifestEntry, out var json))
            throw new InvalidDataException($"'{file}' is not an MlGan checkpoint: it has no {ManifestEntry}.");
        GanCheckpointManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<GanCheckpointManifest>(json, GanCheckpointManifest.Json)
                ?? throw new InvalidDataException($"'{file}': {ManifestEntry} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{file}': {ManifestEntry} is not valid: {ex.Message}", ex);
        }
        if (manifest.FormatVersion != GanCheckpointManifest.CurrentFormatVersion)
            throw new InvalidDataException($"'{file}' has checkpoint format version {manifest.FormatVersion}; this MlGan reads version {GanCheckpointManifest.CurrentFormatVersion}.");
        string[] required = [GeneratorEntry, DiscriminatorEntry, GeneratorOptimizerEntry, DiscriminatorOptimizerEntry, RandomEntry, .. manifest.HasOnnx ? [OnnxEntry] : Array.Empty<string>(), .. manifest.HasEma ? [EmaEntry] : Array.Empty<string>()];
        foreach (var name in required)
            if (!entries.ContainsKey(name)) throw new InvalidDataException($"'{file}' is an incomplete checkpoint: it has no {name}.");
        return new GanCheckpoint(file, manifest, entries);
    }

    /// <summary>Writes <c>ckpt-{step}.zip</c> (with the generator's ONNX when it can export one, as the manifest's HasOnnx says) into <paramref name="directory"/> atomically; returns its path.</summary>
    internal static string Write(string directory, GanCheckpointManifest manifest, GeneratorModule generator, DiscriminatorModule critic,
        GanStepper stepper, Transforms.Onnx.Proto.ModelProto? onnx)
    {
        Directory.CreateDirectory(directory);
        string name = FileName(manifest.Step);
        string final = System.IO.Path.Combine(directory, name);
        string temp = System.IO.Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    void Entry(string entry, Action<BinaryWriter> write)
                    {
                        using var w = new BinaryWriter(zip.CreateEntry(entry, CompressionLevel.Fastest).Open());
                        write(w);
                    }
                    Entry(ManifestEntry, w => w.Write(JsonSerializer.SerializeToUtf8Bytes(manifest, GanCheckpointManifest.Json)));
                    Entry(GeneratorEntry, w => generator.save(w));
                    Entry(DiscriminatorEntry, w => critic.save(w));
                    Entry(GeneratorOptimizerEntry, w => Helper(stepper.GeneratorOptimizer).save_state_dict(w));
                    Entry(DiscriminatorOptimizerEntry, w => Helper(stepper.DiscriminatorOptimizer).save_state_dict(w));
                    Entry(RandomEntry, w =>
                    {
                        using var scope = NewDisposeScope();
                        stepper.RandomState.Latents.get_state().Save(w);
                        stepper.RandomState.Penalty.get_state().Save(w);
                    });
                    if (stepper.Ema is { } ema)
                        Entry(EmaEntry, w =>
                        {
                            var names = ema.State.Keys.Order(StringComparer.Ordinal).ToArray();
                            w.Write(names.Length);
                            foreach (var n in names)
                            {
                                w.Write(n);
                                ema.State[n].Save(w);
                            }
                        });
                    if (onnx is not null) Entry(OnnxEntry, w => w.Write(onnx.ToByteArray()));
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, final, overwrite: true);
            return final;
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Loads every state into freshly built networks, the stepper and the batch stream (same architecture).</summary>
    internal void RestoreNetworks(GeneratorModule generator, DiscriminatorModule critic)
    {
        Load(GeneratorEntry, r => generator.load(r, strict: true));
        Load(DiscriminatorEntry, r => critic.load(r, strict: true));
    }

    internal void RestoreTraining(GanStepper stepper, BatchStream batches)
    {
        Load(GeneratorOptimizerEntry, r => Helper(stepper.GeneratorOptimizer).load_state_dict(r));
        Load(DiscriminatorOptimizerEntry, r => Helper(stepper.DiscriminatorOptimizer).load_state_dict(r));
        Load(RandomEntry, r =>
        {
            using var scope = NewDisposeScope();
            stepper.RandomState.Latents.set_state(TensorExtensionMethods.Load(r));
            stepper.RandomState.Penalty.set_state(TensorExtensionMethods.Load(r));
        });
        if (Manifest.HasEma != stepper.Ema is not null)
            throw new ArgumentException($"Checkpoint '{Path}' was written {(Manifest.HasEma ? "with" : "without")} a generator EMA; set EmaDecay accordingly to resume it.", nameof(GanTrainerOptions.EmaDecay));
        if (stepper.Ema is { } ema)
            Load(EmaEntry, r =>
            {
                using var _ = no_grad();
                int count = r.ReadInt32();
                if (count != ema.State.Count) throw new InvalidDataException($"EMA holds {count} tensors; the generator has {ema.State.Count}.");
                for (int i = 0; i < count; i++)
                {
                    string n = r.ReadString();
                    if (!ema.State.TryGetValue(n, out var target)) throw new InvalidDataException($"EMA tensor '{n}' is not in the generator.");
                    using var t = TensorExtensionMethods.Load(r);
                    target.copy_(t);
                }
            });
        batches.Seek(Manifest.DataEpoch, Manifest.DataRow);
    }

    /// <summary>The log rows written up to the checkpoint.</summary>
    internal TrainingLog RestoreLog()
    {
        var log = new TrainingLog(Manifest.LogQuantities);
        foreach (var row in Manifest.Log) log.Append(row.Step, row.Values);
        return log;
    }

    /// <summary>TorchSharp's managed optimisers (SGD, Adam) carry their state (de)serialisation on OptimizerHelper.</summary>
    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new InvalidOperationException($"Optimizer {optimizer.GetType().Name} cannot save its state in a checkpoint.");

    private void Load(string entry, Action<BinaryReader> read)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(_entries[entry], writable: false));
            read(r);
        }
        catch (Exception ex) when (ex is not InvalidDataException and not ArgumentException)
        {
            throw new InvalidDataException($"Checkpoint '{Path}': {entry} does not fit the networks being resumed ({ex.Message}).", ex);
        }
        catch (ArgumentException ex) when (ex.ParamName is null)
        {
            // TorchSharp reports mismatched state (e.g. different parameter counts) as a bare ArgumentException.
            throw new InvalidDataException($"Checkpoint '{Path}': {entry} does not fit the networks being resumed ({ex.Message}).", ex);
        }
    }
}
