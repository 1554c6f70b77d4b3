using MlGan.Cli.Serving;
using MlGan.Cli.Tests.Deploy;
using MlGan.Cli.Tests.TestSupport;

namespace MlGan.Cli.Tests.Serving;

/// <summary>
/// A server started with SIGINT ignored (a shell's background job) says so and still stops on SIGTERM — the cause of a
/// benchmark's "did not exit within 30 s of SIGINT" that looked like a drain problem.
/// </summary>
[TestClass]
public sealed class InheritedSignalsTests
{
    [TestMethod]
    public void SigIgnMask_IsReadBitBySignal()
    {
        string status = Path.Combine(Path.GetTempPath(), $"mlgan-status-{Guid.NewGuid():N}");
        try
        {
            // What /proc showed for a backgrounded `mlgan serve`: SIGINT (2), SIGQUIT (3) and SIGPIPE (13) ignored.
            File.WriteAllText(status, "Name:\tdotnet\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000001006\nSigCgt:\t00000003000244f8\n");
            Assert.IsTrue(InheritedSignals.IsIgnored(2, status));
            Assert.IsTrue(InheritedSignals.IsIgnored(13, status));
            Assert.IsFalse(InheritedSignals.IsIgnored(15, status));
            Assert.IsFalse(InheritedSignals.IsIgnored(1, status));
            File.WriteAllText(status, "Name:\tdotnet\n");
            Assert.IsFalse(InheritedSignals.IsIgnored(2, status));
        }
        finally
        {
            File.Delete(status);
        }
    }

    [TestMethod]
    public async Task StartedWithSigIntIgnored_SaysSo_IgnoresSigInt_AndStopsOnSigTerm()
    {
        string model = Path.Combine(Path.GetTempPath(), $"mlgan-serve-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(model, TestModels.Mlp());
        try
        {
            int port = LoopbackPort.Free();
            // trap '' INT sets SIGINT to ignored and exec keeps it, as `cmd &` in a non-interactive shell does.
            using var daemon = DaemonProcess.Start("mlgan serve", "sh",
                ["-c", "trap '' INT; exec \"$0\" \"$@\"", .. MlGanTool.Command, "serve", model, "--urls", $"http://127.0.0.1:{port}"], null, Path.GetTempPath());
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!daemon.Output.Contains("stops", StringComparison.Ordinal))
            {
                Assert.IsFalse(daemon.HasExited, daemon.Output);
                Assert.IsLessThan(deadline, DateTime.UtcNow, "server did not start:\n" + daemon.Output);
                await Task.Delay(100);
            }
            StringAssert.Contains(daemon.Output, "SIGTERM stops (SIGINT is ignored", daemon.Output);

            ProcessRunner.Run("kill", ["-INT", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
            await Task.Delay(1500);
            Assert.IsFalse(daemon.HasExited, "SIGINT is ignored, so the server keeps running:\n" + daemon.Output);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            daemon.Stop(TimeSpan.FromSeconds(20));
            Assert.IsTrue(daemon.HasExited);
            Assert.AreEqual(0, daemon.ExitCode, daemon.Output);
            Assert.IsLessThan(10.0, clock.Elapsed.TotalSeconds, "SIGTERM drains and exits without waiting out the shutdown timeout");
        }
        finally
        {
            File.Delete(model);
        }
    }
}
