using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests.Serving;

/// <summary>Console.Error is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ServeCommandTests
{
    [TestMethod]
    public void Serve_MissingFile_ExitsWithErrorInsteadOfListening()
    {
        var (code, _, error) = CliRunner.Run("serve", "/nonexistent/gen.onnx", "--urls", "http://127.0.0.1:0");
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        StringAssert.StartsWith(error, "mlgan serve: ");
        StringAssert.Contains(error, "does not exist");
    }

    [TestMethod]
    public void Serve_FixedBatchModel_ExitsWithShapeError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-fixed-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.FixedBatch());
        try
        {
            var (code, _, error) = CliRunner.Run("serve", path, "--urls", "http://127.0.0.1:0");
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.Contains(error, "dynamic batch");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Serve_ZeroMaxCount_IsRejected()
    {
        var (code, _, error) = CliRunner.Run("serve", "x.onnx", "--max-count", "0");
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        Assert.AreEqual("mlgan serve: --max-count must be ≥ 1; got 0.", error.TrimEnd());
    }
}
