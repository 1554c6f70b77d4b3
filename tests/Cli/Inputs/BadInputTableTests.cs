using System.Globalization;
using MlGan.Cli.Tests.TestSupport;
using MlGan.Evaluation;

namespace MlGan.Cli.Tests.Inputs;

/// <summary>
/// The bad-input table of issue #18, verb by verb: every case is one line <c>mlgan VERB: message</c> on standard
/// error and exit code 2, never a stack trace. Console is process-wide, so these run one at a time.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class BadInputTableTests
{
    private static string _dir = "";

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _dir = Directory.CreateTempSubdirectory("mlgan-bad-input-").FullName;
        var r = new Random(3);
        File.WriteAllLines(Path("good.csv"), Enumerable.Range(0, 40).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{r.NextDouble()},{r.NextDouble()}")));
        File.WriteAllText(Path("ragged.csv"), "1,2\n3\n");
        File.WriteAllText(Path("text.csv"), "1,2\nabc,3\n");
        File.WriteAllText(Path("empty.csv"), "");
        File.WriteAllText(Path("header-only.csv"), "x,y\n");
        File.WriteAllBytes(Path("corrupt.onnx"), [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 37 % 251))]);
        var stats = FeatureStatistics.FromFeatures(File.ReadAllLines(Path("good.csv")).Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray());
        stats.Save(Path("good.stats"));
        byte[] bytes = File.ReadAllBytes(Path("good.stats"));
        File.WriteAllBytes(Path("truncated.stats"), bytes[..(bytes.Length / 2)]);
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(Path("flipped.stats"), flipped);
        var version = (byte[])bytes.Clone();
        version[8] = 9; // the format version follows the 8-byte magic
        File.WriteAllBytes(Path("version9.stats"), version);
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_dir, recursive: true);

    private static string Path(string name) => System.IO.Path.Combine(_dir, name);

    private static void AssertOneLineError(string verb, string fragment, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.AreEqual(CliErrors.UsageOrDataError, code, error);
        var lines = error.TrimEnd().Split('\n');
        Assert.HasCount(1, lines, error);
        StringAssert.StartsWith(lines[0], $"mlgan {verb}: ");
        StringAssert.Contains(lines[0], fragment);
        Assert.DoesNotContain("   at ", error, "no stack trace");
    }

    [TestMethod]
    [DataRow("inf")]
    [DataRow("Inf")]
    [DataRow("+Inf")]
    [DataRow("-inf")]
    [DataRow("Infinity")]
    [DataRow("-Infinity")]
    [DataRow("nan")]
    [DataRow("NaN")]
    public void NonFiniteCells_AreNumbersRejectedWithLineAndField(string token)
    {
        string file = Path($"nonfinite-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, $"1,2\n3,{token}\n");
        AssertOneLineError("score", $"line 2, field 2: '{token}' is not finite.", "score", "--real", Path("good.csv"), "--fake", file, "--metrics", "fid");
        AssertOneLineError("stats", $"line 2, field 2: '{token}' is not finite.", "stats", "--data", "csv:" + file, "--out", Path("x.stats"), "--quiet");
    }

    [TestMethod]
    [DataRow("ragged.csv", "line 2 has 1 values; earlier lines have 2")]
    [DataRow("text.csv", "line 2, field 1: 'abc' is not a number")]
    [DataRow("empty.csv", "holds no data lines")]
    [DataRow("header-only.csv", "a header line and no data lines")]
    [DataRow("corrupt.onnx", "is not a readable ONNX model")]
    [DataRow("truncated.stats", "truncated")]
    [DataRow("flipped.stats", "checksum mismatch")]
    [DataRow("version9.stats", "format version 9")]
    [DataRow("missing.csv", "missing.csv")]
    public void Score_UnreadableFake_IsOneLine(string file, string fragment) =>
        AssertOneLineError("score", fragment, "score", "--real", Path("good.csv"), "--fake", Path(file), "--metrics", "fid");

    [TestMethod]
    [DataRow("truncated.stats", "truncated")]
    [DataRow("flipped.stats", "checksum mismatch")]
    public void StatsMerge_DamagedPart_IsOneLine(string file, string fragment) =>
        AssertOneLineError("stats merge", fragment, "stats", "merge", Path("good.stats"), Path(file), "--out", Path("merged.stats"));

    [TestMethod]
    public void BadFlagValues_AreOneLine()
    {
        AssertOneLineError("score", "Cannot parse argument 'abc' for option '--seed'", "score", "--real", Path("good.csv"), "--fake", Path("good.csv"), "--seed", "abc");
        AssertOneLineError("info", "is not a readable ONNX model", "info", Path("corrupt.onnx"));
        AssertOneLineError("serve", "is not a readable ONNX model", "serve", Path("corrupt.onnx"), "--urls", "http://127.0.0.1:0");
    }
}
