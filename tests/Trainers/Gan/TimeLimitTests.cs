using Microsoft.ML;
using MlGan.Transforms;

namespace MlGan.Trainers.Tests.Gan;

[TestClass]
public sealed class TimeLimitTests
{
    [TestMethod]
    public void TrainingStopsAfterTheFirstStepPastTheLimitAndReturnsTheModel()
    {
        var ml = new MLContext(1);
        var options = new GanTrainerOptions
        {
            Width = 8, HiddenLayers = 1, LatentDimension = 2, Steps = 100_000, BatchSize = 16, Seed = 3, LogEvery = 1000,
            TimeLimit = TimeSpan.FromMilliseconds(300),
        };
        using var g = ml.Gan().Trainers.Gan(options).Fit(ml.Gan().Data.GaussianRing(count: 200, seed: 1));
        var result = g.GanTraining();
        Assert.IsTrue(result.StoppedEarly);
        int last = result.Log.Steps[^1];
        Assert.IsTrue(last > 0 && last < options.Steps - 1, $"stopped at step {last}");
        Assert.AreEqual(last, result.Log.Steps.Max(), "the step that ended the run is logged");
        var samples = g.Generate([[0f, 0f], [1f, -1f]]);
        Assert.IsTrue(samples.SelectMany(s => s).All(float.IsFinite));
    }

    [TestMethod]
    public void ANonPositiveLimitIsRejected()
    {
        var options = new GanTrainerOptions { TimeLimit = TimeSpan.Zero };
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);
        Assert.AreEqual(nameof(GanTrainerOptions.TimeLimit), error.ParamName);
    }
}
