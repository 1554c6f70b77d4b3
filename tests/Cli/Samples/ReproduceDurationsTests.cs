using MlGan.Samples.Reproduce;

namespace MlGan.Cli.Tests.Samples;

/// <summary>The elapsed-time formats of samples/Reproduce at their edges: the hour and the rounded minute.</summary>
[TestClass]
public sealed class ReproduceDurationsTests
{
    [TestMethod]
    [DataRow(0.0, "00:00")]
    [DataRow(59 * 60 + 59.4, "59:59")]
    [DataRow(3600.0, "1:00:00")]
    [DataRow(3600 + 41 * 60 + 7.0, "1:41:07")]
    [DataRow(10 * 3600 + 5.0, "10:00:05")]
    public void Clock_KeepsTheHours(double seconds, string expected) =>
        Assert.AreEqual(expected, Durations.Clock(TimeSpan.FromSeconds(seconds)));

    [TestMethod]
    [DataRow(0.8, "0.8 s")]
    [DataRow(59.9, "59.9 s")]
    [DataRow(59.97, "1 min 0 s")]
    [DataRow(119.7, "2 min 0 s")]
    [DataRow(937.4, "15 min 37 s")]
    [DataRow(7265.0, "121 min 5 s")]
    public void Words_RoundsBeforeSplittingMinutes(double seconds, string expected) =>
        Assert.AreEqual(expected, Durations.Words(seconds));
}
