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
            int code = Program.Main(["serve", "/nonexistent/gen.onnx", "--urls", "http://127.0.0.1:0"]);
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
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
            Assert.AreEqual(CliErrors.UsageOrDataError, Program.Main(["serve", path, "--urls", "http://127.0.0.1:0"]));
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
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.AreEqual(CliErrors.UsageOrDataError, Program.Main(["serve", "x.onnx", "--max-count", "0"]));
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.AreEqual("mlgan serve: --max-count must be ≥ 1; got 0.", error.ToString().TrimEnd());
    }
}
