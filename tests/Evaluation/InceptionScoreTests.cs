namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class InceptionScoreTests
{
    private static float[][] Repeat(int n, Func<int, float[]> row) => Enumerable.Range(0, n).Select(row).ToArray();

    [TestMethod]
    public void UniformPredictions_ScoreOne()
    {
        var p = Repeat(100, _ => Enumerable.Repeat(0.1f, 10).ToArray());
        var score = InceptionScore.FromProbabilities(p);
        Assert.AreEqual(1.0, score.Mean, 1e-6);
        Assert.AreEqual(0.0, score.Std, 1e-6);
    }

    [TestMethod]
    public void OneHotOverEquallyUsedClasses_ScoresTheClassCount()
    {
        const int c = 7;
        var p = Repeat(10 * c * 3, i => Enumerable.Range(0, c).Select(k => k == i % c ? 1f : 0f).ToArray());
        var score = InceptionScore.FromProbabilities(p); // each split of 21 rows uses every class 3 times
        Assert.AreEqual(c, score.Mean, 1e-9);
        Assert.AreEqual(0.0, score.Std, 1e-9);
    }

    [TestMethod]
    public void HandComputedMix()
    {
        // p1 = (1, 0), p2 = (½, ½): p(y) = (¾, ¼); KL1 = log 4/3, KL2 = ½ log 2/3 + ½ log 2 = ½ log 4/3.
        // IS = exp(¾ log 4/3) = (4/3)^¾.
        var score = InceptionScore.FromProbabilities([[1f, 0f], [0.5f, 0.5f]], splits: 1);
        Assert.AreEqual(Math.Pow(4.0 / 3.0, 0.75), score.Mean, 1e-12);
    }

    [TestMethod]
    public void SplitsAreScoredSeparately_MeanAndPopulationStd()
    {
        // First split uniform (IS 1), second one-hot over two classes (IS 2): mean 1.5, std 0.5.
        float[][] p = [[0.5f, 0.5f], [0.5f, 0.5f], [1f, 0f], [0f, 1f]];
        var score = InceptionScore.FromProbabilities(p, splits: 2);
        Assert.AreEqual(1.5, score.Mean, 1e-12);
        Assert.AreEqual(0.5, score.Std, 1e-12);
    }

    [TestMethod]
    public void Logits_GiveTheSameScoreAsTheirSoftmax_AndAreShiftInvariant()
    {
        var random = new MlGan.Transforms.Data.SeededRandom(4);
        var logits = Repeat(50, _ => Enumerable.Range(0, 5).Select(_ => (float)(3 * random.Normal())).ToArray());
        var probabilities = logits.Select(row =>
        {
            var e = row.Select(v => Math.Exp(v)).ToArray();
            return e.Select(v => (float)(v / e.Sum())).ToArray();
        }).ToArray();
        var fromLogits = InceptionScore.FromLogits(logits, splits: 5);
        var fromProbabilities = InceptionScore.FromProbabilities(probabilities, splits: 5);
        Assert.AreEqual(fromProbabilities.Mean, fromLogits.Mean, 1e-5);
        Assert.AreEqual(fromProbabilities.Std, fromLogits.Std, 1e-5);
        var shifted = InceptionScore.FromLogits(logits.Select(r => r.Select(v => v + 50f).ToArray()).ToArray(), splits: 5);
        Assert.AreEqual(fromLogits.Mean, shifted.Mean, 1e-5);
    }

    [TestMethod]
    public void BadInput_IsRejected()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => InceptionScore.FromProbabilities([[0.5f, 0.2f]], 1)).Message, "probabilities[0] sums to");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => InceptionScore.FromProbabilities([[1.5f, -0.5f]], 1)).Message, "probabilities[0][1]");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => InceptionScore.FromLogits([[0f, float.NaN]], 1)).Message, "logits[0][1] is NaN");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => InceptionScore.FromProbabilities([[1f, 0f]], splits: 10));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => InceptionScore.FromProbabilities([[1f, 0f]], splits: 0));
    }
}
