using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Serving;

/// <summary>Console.Error is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ServeCommandTests
{
    [TestMethod]
    public void Serve_MissingFile_ExitsWithErrorInsteadOfListening()
    {
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        try
        {
            int code = Program.BuildRoot().Parse(["serve", "/nonexistent/gen.onnx", "--urls", "http://127.0.0.1:0"]).Invoke();
            Assert.AreEqual(1, code);
        }
        finally
        {
            Console.SetError(old);
        }
        StringAssert.Contains(error.ToString(), "does not exist");
    }

    [TestMethod]
    public void Serve_FixedBatchModel_ExitsWithShapeError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-fixed-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.FixedBatch());
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.AreEqual(1, Program.BuildRoot().Parse(["serve", path, "--urls", "http://127.0.0.1:0"]).Invoke());
        }
        finally
        {
            Console.SetError(old);
            File.Delete(path);
        }
        StringAssert.Contains(error.ToString(), "dynamic batch");
    }

    [TestMethod]
    public void Serve_ZeroMaxCount_IsRejected()
    {
        var old = Console.Error;
        Console.SetError(TextWriter.Null);
        try
        {
            Assert.AreEqual(2, Program.BuildRoot().Parse(["serve", "x.onnx", "--max-count", "0"]).Invoke());
        }
        finally
        {
            Console.SetError(old);
        }
    }
}
