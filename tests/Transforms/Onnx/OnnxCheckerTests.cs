using System.Diagnostics;
using MlGan.Transforms.Onnx;
using static MlGan.Transforms.Tests.Onnx.OrtHarness;

namespace MlGan.Transforms.Tests.Onnx;

/// <summary>The reference ONNX checker (python3-onnx, full_check: strict shape inference) accepts what the builder writes.</summary>
[TestClass]
public sealed class OnnxCheckerTests
{
    private const string Python = "/usr/bin/python3";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>One graph using every builder op, with declared shapes the checker's shape inference must agree with.</summary>
    internal static OnnxGraphBuilder AllOps()
    {
        var rng = new Random(5);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = new OnnxGraphBuilder("all_ops");
        string z = b.AddInput("z", -1, 4);
        string h = b.Gemm(z, b.AddInitializer("w1", R(32), 8, 4), b.AddInitializer("b1", R(8), 8), transB: true, alpha: 0.9f);
        h = b.Relu(h);
        h = b.MatMul(h, b.AddInitializer("w2", R(64), 8, 8));
        string c = b.AddInitializer("c", R(8), 8);
        h = b.Sigmoid(b.LeakyRelu(b.Sub(b.Mul(b.Add(h, c), c), c), 0.2f));
        h = b.Tanh(h);
        string r = b.Reshape(h, [-1, 2, 2, 2]);
        string conv = b.Conv(r, b.AddInitializer("wc", R(72), 4, 2, 3, 3), b.AddInitializer("bc", R(4), 4), [1, 1], [1, 1], [1, 1]);
        string bn = b.BatchNormalization(conv, b.AddInitializer("g", R(4), 4), b.AddInitializer("beta", R(4), 4),
            b.AddInitializer("mu", R(4), 4), b.AddInitializer("var", [1f, 2f, 3f, 4f], 4), 1e-5f);
        string up = b.Resize(bn, [1, 1, 2, 2]);
        string ct = b.ConvTranspose(up, b.AddInitializer("wt", R(128), 4, 2, 4, 4), b.AddInitializer("bt", R(2), 2), [2, 2], [1, 1]);
        string t = b.Transpose(ct, [0, 1, 3, 2]);
        string lin = b.Resize(t, [1, 1, 0.5f, 0.5f], "linear");
        string cat = b.Concat(1, lin, lin);
        string e = b.Node("Exp", [cat], ["exp_out"])[0];
        string s = b.ReduceSum(e, [1], keepDims: true);
        b.AddOutput(b.Identity(s, "x"), -1, 1, 4, 4);
        b.SetMetadata("mlgan.architecture", "all-ops-test");
        return b;
    }

    [TestMethod]
    public void AllOpsModel_RunsInOrtWithTwoBatchSizes()
    {
        byte[] model = AllOps().ToBytes();
        foreach (int n in new[] { 1, 5 })
        {
            var (data, shape) = Run(model, ("z", Enumerable.Range(0, n * 4).Select(i => (float)Math.Sin(i)).ToArray(), [n, 4]));
            CollectionAssert.AreEqual(new long[] { n, 1, 4, 4 }, shape);
            Assert.IsTrue(data.All(float.IsFinite));
        }
    }

    [TestMethod]
    public void AllOpsModel_PassesReferenceCheckerFullCheck()
    {
        string script = FindScript();
        // tests/run.sh installs python3-onnx, so a missing checker is a failed set-up, not a skip.
        Assert.IsTrue(File.Exists(Python) && Exec(Python, "-c \"import onnx\"").Code == 0,
            "python3-onnx is not installed (tests/run.sh installs it); the reference checker cannot run.");
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-allops-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxModelFile.Save(AllOps().Build(), path);
            var (code, output) = Exec(Python, $"\"{script}\" \"{path}\"");
            TestContext.WriteLine(output.Trim());
            Assert.AreEqual(0, code, output);
            StringAssert.Contains(output, "OK");

            // The script must fail on a broken model too, or the check above proves nothing.
            File.WriteAllBytes(path, [0x08, 0x08, 0x3a, 0x02, 0x0a, 0x00]); // ir 8, graph with one empty node
            Assert.AreNotEqual(0, Exec(Python, $"\"{script}\" \"{path}\"").Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "tools", "check_onnx.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/tools/check_onnx.py not found above " + AppContext.BaseDirectory);
    }

    private static (int Code, string Output) Exec(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }
}
