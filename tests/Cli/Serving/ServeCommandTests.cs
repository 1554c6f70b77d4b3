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

    [TestMethod]
    public void Serve_NonLoopbackWithoutKey_IsRefused()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlgan-mlp-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.Mlp());
        try
        {
            var (code, _, error) = CliRunner.Run("serve", path, "--urls", "http://0.0.0.0:0");
            Assert.AreEqual(CliErrors.UsageOrDataError, code);
            StringAssert.StartsWith(error, "mlgan serve: --urls http://0.0.0.0:0 is not a loopback address");
            StringAssert.Contains(error, "$MLGAN_API_KEY");
            Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("--log-level", "loud")]
    [DataRow("--max-concurrent", "0")]
    [DataRow("--max-queue", "-1")]
    [DataRow("--shutdown-timeout", "0")]
    public void Serve_BadOption_IsOneLine(string option, string value)
    {
        var (code, _, error) = CliRunner.Run("serve", "x.onnx", option, value);
        Assert.AreEqual(CliErrors.UsageOrDataError, code);
        StringAssert.StartsWith(error, "mlgan serve: ");
        StringAssert.Contains(error, option == "--log-level" ? "loud" : option);
        Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);
    }
}
