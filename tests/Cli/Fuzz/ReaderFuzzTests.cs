using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using MlGan.Cli.Serving;
using MlGan.Cli.Tests.Serving;
using MlGan.Evaluation;
using MlGan.Transforms.Data;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of every reader that takes outside bytes: the CSV reader, the statistics files (MlGan
/// and .npz), the IDX reader (plain and gzipped), ONNX generator loading and the server's request parsers. Each run
/// is bounded in count and time; <see cref="FuzzRun"/> holds every input to "result or clear error, promptly, in
/// bounded memory". One at a time, so the allocation counts are this test's own.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ReaderFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    private string _dir = "";

    [TestInitialize]
    public void Init() => _dir = Directory.CreateTempSubdirectory("mlgan-fuzz-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private string WriteTemp(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [TestMethod]
    public void CsvReader()
    {
        var r = new Random(1);
        string csv = "x,y,z\n" + string.Join("\n", Enumerable.Range(0, 30).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{r.NextDouble():R},{-r.NextDouble():E3},{r.Next(100)}")));
        var (accepted, rejected) = FuzzRun.Mutants(Encoding.UTF8.GetBytes(csv), seed: 11, cases: 600, Budget,
            bytes => CsvVectorReader.Read(new StringReader(Encoding.UTF8.GetString(bytes)), "fuzz.csv"), typeof(InvalidDataException));
        Assert.IsGreaterThan(0, accepted);
        Assert.IsGreaterThan(0, rejected);
    }

    [TestMethod]
    [DataRow("stats")]
    [DataRow("npz")]
    public void StatisticsFiles(string extension)
    {
        var r = new Random(2);
        var stats = FeatureStatistics.FromFeatures(Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)r.NextDouble()).ToArray()).ToArray());
        string valid = Path.Combine(_dir, "valid." + extension);
        stats.Save(valid, extension == "npz" ? StatisticsFileFormat.Npz : StatisticsFileFormat.MlGan);
        int n = 0;
        var (_, rejected) = FuzzRun.Mutants(File.ReadAllBytes(valid), seed: 12, cases: 400, Budget,
            bytes => FeatureStatistics.Load(WriteTemp($"m{n++}.{extension}", bytes)), typeof(InvalidDataException));
        Assert.IsGreaterThan(0, rejected);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void IdxReader(bool gzipped)
    {
        // A 3 × 4 × 4 image file: magic 0x00000803, sizes, then bytes.
        byte[] idx = [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 4, .. Enumerable.Range(0, 48).Select(i => (byte)(i * 5))];
        if (gzipped)
        {
            using var packed = new MemoryStream();
            using (var gz = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(idx);
            idx = packed.ToArray();
        }
        int n = 0;
        var (accepted, rejected) = FuzzRun.Mutants(idx, seed: gzipped ? 14 : 13, cases: 400, Budget,
            bytes => IdxFile.Read(WriteTemp($"m{n++}.idx", bytes)), typeof(InvalidDataException));
        Assert.IsGreaterThan(0, rejected);
        Assert.IsGreaterThan(0, accepted + rejected);
    }

    [TestMethod]
    public void IdxReader_HugeDeclaredSize_FailsWithoutAllocatingIt()
    {
        // 2 GB declared, 16 bytes present: an error naming the truncation, and (FuzzRun's bound) no 2 GB buffer.
        byte[] header = [0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xF0, 0, 0, 0, 1, 0, 0, 0, 1];
        string path = WriteTemp("huge.idx", header);
        long before = GC.GetTotalAllocatedBytes(precise: false);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => IdxFile.Read(path));
        Assert.IsLessThan(8L << 20, GC.GetTotalAllocatedBytes(precise: false) - before);
        StringAssert.Contains(ex.Message, "truncated");
    }

    [TestMethod]
    public void OnnxGeneratorLoading()
    {
        var (accepted, rejected) = FuzzRun.Mutants(TestModels.Conditional(), seed: 15, cases: 250, Budget, bytes =>
        {
            using var g = new OnnxGeneratorRunner(bytes, "fuzz.onnx");
            var z = g.SampleLatent(2, 1);
            g.Generate(z, g.ClassCount > 0 ? g.BalancedLabels(2) : null);
        }, typeof(InvalidDataException), typeof(OnnxRuntimeException));
        Assert.IsGreaterThan(0, rejected);
        Assert.IsGreaterThan(0, accepted, "some mutants (e.g. in weights) are still generators");
    }

    [TestMethod]
    [DataRow("""{"count": 3, "seed": 7, "labels": [0, 1, 2]}""")]
    [DataRow("""{"latent": [[0.5, -1e-3, 2], [1, 2, 3]], "labels": [2, 0]}""")]
    [DataRow("""{"from": 1, "to": 2, "steps": 4, "label": 1}""")]
    public void ServerRequestParsers(string valid)
    {
        var statuses = new HashSet<int>();
        var (accepted, _) = FuzzRun.Mutants(Encoding.UTF8.GetBytes(valid), seed: 16, cases: 3000, Budget, bytes =>
        {
            using var doc = JsonDocument.Parse(bytes);
            var (request, status, error) = GenerateRequest.Parse(doc.RootElement, latentDimension: 3, maxCount: 64, classCount: 3);
            Assert.AreEqual(request is null, error is not null);
            Assert.IsTrue(status is 200 or 400 or 413, $"status {status}");
            if (error is not null) Assert.IsLessThan(InputExcerpt.MaxLength + 200, error.Length, error);
            statuses.Add(status);
            var (interpolation, iStatus, iError) = InterpolateRequest.Parse(doc.RootElement, maxCount: 64, classCount: 3);
            Assert.AreEqual(interpolation is null, iError is not null);
            Assert.IsTrue(iStatus is 200 or 400 or 413, $"status {iStatus}");
        }, typeof(JsonException));
        Assert.IsGreaterThan(0, accepted);
        Assert.Contains(400, statuses, "mutants that are JSON but not a valid request get a 400");
    }
}
